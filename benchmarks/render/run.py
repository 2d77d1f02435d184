"""Rendering figures: one issue, per-recipient filling for 100,000 recipients, and mjml-python
against the reference Node MJML on the same MJML.

    .venv/bin/python benchmarks/render/run.py [--runs 30] [--recipients 100000]

Medians, printed; never run as tests. The issue is the sample issue of tests/render with as
many comparisons as `pairs_per_issue` allows by default (a full-size digest).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "render"))  # the fixed sample issue lives with the tests

from render_sample import sample_issue  # noqa: E402

from verdicts.models import (  # noqa: E402
    TOKEN_EMAIL,
    TOKEN_PREFERENCES_URL,
    TOKEN_UNSUBSCRIBE_URL,
    vote_token,
)
from verdicts.render import fill_html, fill_text, render_issue  # noqa: E402
from verdicts.render.issue import mjml_to_html  # noqa: E402
from verdicts.settings import Settings  # noqa: E402


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up: template compilation and imports are not the steady state
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fill_all(html: str, text: str, recipients: int, comparisons: int) -> float:
    """Seconds to fill the HTML and text parts for every recipient (values built per recipient)."""
    start = time.perf_counter()
    total = 0
    for i in range(recipients):
        values = {
            TOKEN_UNSUBSCRIBE_URL: f"https://verdicts.example/u/{i:08d}.sig",
            TOKEN_PREFERENCES_URL: f"https://verdicts.example/p/{i:08d}.sig",
            TOKEN_EMAIL: f"reader{i}@example.com",
        }
        for pos in range(comparisons):
            values[vote_token(pos, "a")] = f"https://verdicts.example/v/{i:08d}/{pos}/a.sig"
            values[vote_token(pos, "b")] = f"https://verdicts.example/v/{i:08d}/{pos}/b.sig"
        total += len(fill_html(html, values)) + len(fill_text(text, values))
    assert total > 0
    return time.perf_counter() - start


def node_reference(mjml_source: str, runs: int) -> dict | None:
    script = ROOT / "scripts" / "mjml-reference.js"
    if not (ROOT / "node_modules" / ".bin" / "mjml").exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "issue.mjml"
        path.write_text(mjml_source, encoding="utf-8")
        out = subprocess.run(
            ["node", str(script), "bench", str(path), str(runs)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            timeout=600,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--recipients", type=int, default=100_000)
    args = parser.parse_args()

    settings = Settings(_env_file=None, base_url="https://verdicts.example")  # type: ignore[call-arg]
    content = sample_issue(settings.pairs_per_issue)
    rendered = render_issue(content, settings)
    n = len(content.comparisons)
    html_kb = len(rendered.html.encode()) / 1024
    print(f"issue: {n} comparisons, email HTML {html_kb:.1f} KB, text {len(rendered.text)} chars")

    render_ms = median_ms(lambda: render_issue(content, settings), args.runs)
    print(f"render one issue (Jinja + MJML + text + {n + 1} web pages): {render_ms:.2f} ms median")
    py_ms = median_ms(lambda: mjml_to_html(rendered.mjml), args.runs)
    print(f"mjml-python alone on the issue's MJML: {py_ms:.2f} ms median")

    seconds = fill_all(rendered.html, rendered.text, args.recipients, n)
    per = seconds / args.recipients * 1e6
    print(
        f"fill HTML + text for {args.recipients:,} recipients: {seconds:.2f} s ({per:.1f} µs each)"
    )

    node = node_reference(rendered.mjml, args.runs)
    if node is None:
        print("reference MJML (Node): skipped, run `npm ci` first")
        return
    print(
        f"reference MJML (Node, minify on): {node['median_ms']:.2f} ms median, "
        f"{node['bytes'] / 1024:.1f} KB; mjml-python {html_kb:.1f} KB"
    )
    print(f"ratio Node / mjml-python: {node['median_ms'] / py_ms:.1f}x")


if __name__ == "__main__":
    main()
