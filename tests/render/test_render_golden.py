"""Golden files: the fixed issue's email HTML, text and web pages, byte for byte.

After an intended change, `make golden` (VERDICTS_UPDATE_GOLDEN=1 pytest tests -k golden)
rewrites them; review the diff like any other code change.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from verdicts.models import RenderedIssue

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("VERDICTS_UPDATE_GOLDEN") == "1"


def _check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make golden` to create it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    f"golden/{name}",
                    "rendered",
                )
            )[:60]
        )
        pytest.fail(f"{name} differs from its golden file (make golden if intended):\n{diff}")


def test_golden_email_html(rendered: RenderedIssue) -> None:
    _check("email.html", rendered.html)


def test_golden_email_text(rendered: RenderedIssue) -> None:
    _check("email.txt", rendered.text)


def test_golden_email_mjml(rendered: RenderedIssue) -> None:
    _check("email.mjml", rendered.mjml)


def test_golden_web_pages(rendered: RenderedIssue) -> None:
    _check("index.html", rendered.web_html)
    slug, page = rendered.comparison_pages[0]
    assert slug == "smollm3-vs-mistral-3-1"
    _check(f"{slug}.html", page)
