"""Fixtures for the render tests: production-like settings and the fixed sample issue."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_sample import make_settings, sample_issue

from verdicts.models import IssueContent, RenderedIssue
from verdicts.render import render_issue
from verdicts.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture(scope="module")
def issue() -> IssueContent:
    return sample_issue(3)


@pytest.fixture(scope="module")
def rendered(issue: IssueContent, tmp_path_factory: pytest.TempPathFactory) -> RenderedIssue:
    return render_issue(issue, make_settings(tmp_path_factory.mktemp("render")))
