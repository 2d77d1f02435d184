"""Fixtures for the render tests: production-like settings and the fixed sample issue."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_issue import sample_issue

from verdicts.models import IssueContent, RenderedIssue
from verdicts.render import render_issue
from verdicts.settings import Settings

POSTAL = "Weekly AI Tool Verdicts, 1 Example Street, Springfield, USA"


def make_settings(tmp: Path, base_url: str = "https://verdicts.example") -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]  # never a developer's .env in tests
        base_url=base_url,
        postal_address=POSTAL,
        from_name="Weekly AI Tool Verdicts",
        digests_dir=tmp / "digests",
        data_dir=tmp / "var",
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture(scope="module")
def issue() -> IssueContent:
    return sample_issue(3)


@pytest.fixture(scope="module")
def rendered(issue: IssueContent, tmp_path_factory: pytest.TempPathFactory) -> RenderedIssue:
    return render_issue(issue, make_settings(tmp_path_factory.mktemp("render")))
