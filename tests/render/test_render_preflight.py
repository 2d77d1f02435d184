"""Preflight: the rendered sample passes; each broken variant is caught with its code."""

from __future__ import annotations

from dataclasses import replace

import pytest
from render_sample import make_settings, sample_issue

from verdicts.models import TOKEN_UNSUBSCRIBE_URL
from verdicts.preflight import Finding, PreflightReport, run_preflight
from verdicts.render import render_issue


def test_sample_issue_passes_in_production(rendered, issue, settings) -> None:
    report = run_preflight(rendered, issue, settings)
    assert report.ok, report.blocking
    assert report.warnings == ()


def _blocking(rendered, issue, settings) -> set[str]:
    return {f.code for f in run_preflight(rendered, issue, settings).blocking}


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (
            f'href="{TOKEN_UNSUBSCRIBE_URL}"',
            'href="https://verdicts.example/"',
            "unsubscribe-missing",
        ),
        ("1 Example Street", "", "postal-address-missing"),
        ("</body>", '<img src="https://verdicts.example/x.png"></body>', "image-without-alt"),
        ("</body>", '<a href="http://verdicts.example/">x</a></body>', "insecure-link"),
        ("</body>", '<a href="javascript:alert(1)">x</a></body>', "unsafe-link"),
        ("</body>", "<p>Hello {{ first_name }}</p></body>", "unfilled-placeholder"),
        ("</body>", "<p>-first_name-</p></body>", "unfilled-placeholder"),
        ("</body>", "<script>alert(1)</script></body>", "forbidden-markup"),
        ("</body>", "<form action='https://x.example'></form></body>", "forbidden-markup"),
        (
            "</head>",
            '<link rel="stylesheet" href="https://x.example/a.css"></head>',
            "forbidden-markup",
        ),
        ("</body>", "<!--" + "x" * 92_000 + "--></body>", "html-too-large"),
    ],
)
def test_broken_html_blocks(rendered, issue, settings, old: str, new: str, code: str) -> None:
    assert old in rendered.html
    broken = replace(rendered, html=rendered.html.replace(old, new))
    assert code in _blocking(broken, issue, settings)


def test_http_links_warn_in_development_and_block_in_production(issue, tmp_path) -> None:
    dev = make_settings(tmp_path, base_url="http://127.0.0.1:8080")
    report = run_preflight(render_issue(issue, dev), issue, dev)
    assert report.ok and "insecure-link" in {f.code for f in report.warnings}
    prod = make_settings(tmp_path, base_url="https://verdicts.example")
    assert "insecure-link" in _blocking(render_issue(issue, dev), issue, prod)


def test_comparison_without_verdicts_blocks(issue, settings) -> None:
    first = issue.comparisons[0]
    bare = replace(issue, comparisons=(replace(first, b=replace(first.b, verdicts=())),))
    report = run_preflight(render_issue(bare, settings), bare, settings)
    assert "comparison-without-verdicts" in {f.code for f in report.blocking}
    assert not report.ok


def test_editor_placeholder_in_intro_blocks(issue, settings) -> None:
    content = replace(issue, intro="Hi {{ first_name }}, three pairs this week.")
    assert "unfilled-placeholder" in _blocking(render_issue(content, settings), content, settings)


def test_warnings_do_not_block(settings) -> None:
    content = replace(sample_issue(1), subject="Hi", preheader="")
    report = run_preflight(render_issue(content, settings), content, settings)
    assert report.ok
    assert {"subject-length", "preheader-missing", "quiet-week"} <= report.codes()


def test_report_serialises_for_the_editor() -> None:
    report = PreflightReport(blocking=(Finding("x", "y"),))
    assert report.to_dict() == {
        "ok": False,
        "blocking": [{"code": "x", "message": "y"}],
        "warnings": [],
    }
