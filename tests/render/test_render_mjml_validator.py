"""The MJML handed to mjml-python passes the reference validator (npm mjml, strict).

mjml-python accepts unknown tags and attributes silently, so this is the only check that the
templates are valid MJML. CI installs the validator with `npm ci`; without it the tests skip.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import mjml
import pytest
from render_sample import hostile_issue, sample_issue

from verdicts.render import render_issue

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "node_modules" / ".bin" / "mjml"
SCRIPT = ROOT / "scripts" / "mjml-reference.js"

pytestmark = pytest.mark.skipif(
    not REFERENCE.exists(), reason="node_modules/.bin/mjml absent: run `npm ci` in the repo root"
)


def _validate(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(SCRIPT), "validate", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


def test_every_issue_shape_is_strictly_valid(settings, tmp_path: Path) -> None:
    shapes = {
        "full": sample_issue(settings.pairs_per_issue),
        "hostile": hostile_issue(),
        "one": sample_issue(1),
        "none": replace(sample_issue(1), comparisons=()),
    }
    files = []
    for name, content in shapes.items():
        path = tmp_path / f"{name}.mjml"
        path.write_text(render_issue(content, settings).mjml, encoding="utf-8")
        files.append(path)
    result = _validate(*files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("ok ") == len(files)


def test_validator_catches_what_mjml_python_lets_through(tmp_path: Path) -> None:
    bad = (
        '<mjml><mj-body><mj-section><mj-column><mj-text colour="red">x</mj-text>'
        "</mj-column></mj-section></mj-body></mjml>"
    )
    mjml.mjml2html(bad)  # accepted silently: the reason this validator runs in CI
    path = tmp_path / "bad.mjml"
    path.write_text(bad, encoding="utf-8")
    result = _validate(path)
    assert result.returncode == 1
    assert "Attribute colour is illegal" in result.stdout
