"""Printing what a run did, for humans."""

from __future__ import annotations

from typing import Any


def print_build(summary: Any) -> None:
    print(f"week {summary.week}")
    for h in summary.sources:
        state = "ok" if not h.errors else "ERROR " + "; ".join(h.errors)
        print(
            f"  scrape  {h.source:<18} fetched {h.fetched:>3}  parsed {h.parsed:>3}  "
            f"kept {h.kept:>3}  dropped {h.dropped:>3}  {h.duration_ms:>5} ms  {state}"
        )
    not_asked = [sid for sid, why in summary.skipped_sources if "not asked for" in why]
    for sid, why in summary.skipped_sources:
        if sid not in not_asked:
            print(f"  scrape  {sid:<18} not run: {why}")
    if not_asked:
        print(f"  scrape  {len(not_asked)} other configured sources not asked for in this run")
    print(
        f"  resolve {summary.launches} launches -> {summary.tools} tools ({summary.new_tools} new)"
    )
    d = summary.draft
    if d is not None:
        print(f"  pair    {d.comparisons} comparisons ready, {d.awaiting_panel} awaiting the panel")
        verdict = "ok" if d.preflight_ok else "BLOCKED: " + "; ".join(d.blocking)
        print(f"  render  {d.digest_dir} (content {d.content_hash[:12]})")
        print(
            f"  preflight {verdict}"
            + (f"; warnings: {'; '.join(d.warnings)}" if d.warnings else "")
        )
