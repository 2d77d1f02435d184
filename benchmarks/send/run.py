"""Sending figures: N subscribers through the fake SendGrid (20 ms per request) with the real
drain, ledger and sendgrid sender, against one request per recipient.

    .venv/bin/python benchmarks/send/run.py [--sizes 10000 100000] [--runs 3] [--sample 2000]

Each send runs in a fresh process (so its peak RSS is the send's own, on top of the imports)
against a store prepared beforehand in another process; the fake runs in a third process and
counts personalizations in the raw body (it does not decode it), so the provider's work does not
compete with ours. The issue has five comparisons of five kinds (twelve links per recipient,
all carried by one signed reader token), and one reader in ten has preferences that reorder the
cards (two variants besides the editor's order). The per-recipient baseline is measured on a
sample and extrapolated linearly: saying so is the point. Medians, printed, then one JSON line
`{"area": "send", ...}` for benchmarks/run_all; never run as a test.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WEEK = "2026-W29"
LATENCY_S = 0.020
# One pair per kind, so readers' preferences give real variants (verdicts.deliver.variants).
TAGLINES = (
    "AI code editor for your repo",
    "AI video editor",
    "text-to-speech model with natural voices",
    "AI image generator from text prompts",
    "open-source vector database for embeddings",
)
PREFERENCES = ({"kinds": ["video-editor"], "version": 1}, {"kinds": ["tts"], "version": 1})


def _env(data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "VERDICTS_DATA_DIR": str(data / "var"),
        "VERDICTS_DIGESTS_DIR": str(data / "digests"),
        "VERDICTS_SECRET_KEY": "benchmark-secret-key-0123456789abcdef",
        "VERDICTS_SENDER": "sendgrid",
        "SENDGRID_API_KEY": "SG.fake-test-key-0123456789",
        "VERDICTS_SEND_MAX_RPS": "0",
    }


def setup_store(subscribers: int) -> None:
    """In a child process: the schema, `subscribers` active rows, an approved 5-pair issue."""
    from sqlalchemy import insert

    import verdicts.render.screenshots as shots
    from tests.helpers import comparison
    from verdicts.build import compose
    from verdicts.drafting import make_draft
    from verdicts.models import Tool
    from verdicts.settings import get_settings
    from verdicts.store.db import open_store
    from verdicts.store.issues import approve, get_issue
    from verdicts.store.schema import SubscriberRow, utcnow
    from verdicts.store.tools import upsert_tool
    from verdicts.weeks import window_for

    shots.take_screenshots = lambda *a, **k: []  # the editor's previews are not the send
    settings = get_settings()
    store = open_store(settings.sqlalchemy_url)
    tools = [
        Tool(f"tool{i}", f"Tool {i}", f"https://tool{i}.example", tagline=TAGLINES[i // 2])
        for i in range(10)
    ]
    now = utcnow()
    with store.transaction() as s:
        for t in tools:
            upsert_tool(s, t)
        for start in range(0, subscribers, 10_000):
            rows = [
                {"email": f"reader{i}@example.com", "status": "active", "consent_source": "bench",
                 "consent_at": now, "confirmed_at": now, "status_changed_at": now,
                 "created_at": now,
                 "preferences": PREFERENCES[i // 10 % 2] if i % 10 == 0 else {}}
                for i in range(start, min(subscribers, start + 10_000))
            ]  # fmt: skip
            s.execute(insert(SubscriberRow), rows)
    pairs = [comparison(tools[2 * i], tools[2 * i + 1]) for i in range(5)]
    content = compose(WEEK, pairs, [], window=window_for(WEEK), launches_seen=10)
    make_draft(store, content, settings, actor="bench")
    with store.transaction() as s:
        approve(s, get_issue(s, WEEK), editor="bench", preflight_ok=True)


def send_once(batch_size: int, limit: int | None) -> dict[str, float]:
    """In a child process: reset the ledger, send, report wall time and peak RSS."""
    from sqlalchemy import delete, update

    from verdicts.deliver.drain import send_issue
    from verdicts.deliver.senders import sender_for
    from verdicts.settings import get_settings
    from verdicts.store.db import open_store
    from verdicts.store.schema import DeliveryRow, IssueRow, SubscriberRow

    settings = get_settings().model_copy(update={"send_batch_size": batch_size})
    store = open_store(settings.sqlalchemy_url)
    with store.transaction() as s:
        s.execute(delete(DeliveryRow))
        s.execute(update(IssueRow).values(state="approved"))
        s.execute(update(SubscriberRow).values(status="active"))
        if limit is not None:  # the baseline's sample: only the first `limit` subscribers
            s.execute(update(SubscriberRow).where(SubscriberRow.id > limit).values(status="paused"))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    report = send_issue(store, WEEK, sender_for(settings), settings)
    wall = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"wall_s": wall, "sent": report.sent_now, "requests": report.requests,
            "reordered": report.reordered,
            "rss_mb": rss / 1024, "rss_before_mb": rss_before / 1024}  # fmt: skip


def _serve_fake(port_queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from tests.deliver.fake_sendgrid import FakeSendGrid

    fake = FakeSendGrid(latency_s=LATENCY_S, keep_bodies=False, parse=False)
    port_queue.put(fake.start())
    while True:
        time.sleep(3600)


def _child(data: Path, fake_url: str, *args: str) -> dict[str, float]:
    env = _env(data) | {"VERDICTS_SENDGRID_HOST": fake_url}
    out = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True,
                         text=True, check=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fake_stats(url: str) -> dict[str, int]:
    with urllib.request.urlopen(f"{url}/stats", timeout=10) as r:
        return json.loads(r.read())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--child", choices=["setup", "send"])
    parser.add_argument("--n", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    if args.child == "setup":
        setup_store(args.n)
        print(json.dumps({"ok": 1}))
        return
    if args.child == "send":
        print(json.dumps(send_once(args.batch_size, args.limit or None)))
        return

    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    fake = multiprocessing.Process(target=_serve_fake, args=(queue,), daemon=True)
    fake.start()
    url = queue.get(timeout=60)
    print(f"send benchmark: fake SendGrid at {url}, {LATENCY_S * 1000:.0f} ms per request, "
          f"{os.cpu_count()} CPUs, medians of {args.runs} runs")  # fmt: skip
    figures: dict[str, dict[str, float]] = {}
    try:
        for n in args.sizes:
            with tempfile.TemporaryDirectory(prefix="verdicts-send-bench-") as tmp:
                data = Path(tmp)
                _child(data, url, "--child", "setup", "--n", str(n))
                runs = []
                for _ in range(args.runs):
                    before = _fake_stats(url)
                    result = _child(data, url, "--child", "send")
                    after = _fake_stats(url)
                    assert after["accepted"] - before["accepted"] == n == result["sent"], result
                    runs.append(result)
                wall = statistics.median(r["wall_s"] for r in runs)
                rss = statistics.median(r["rss_mb"] for r in runs)
                base = statistics.median(r["rss_before_mb"] for r in runs)
                requests = int(runs[0]["requests"])
                each = ", ".join(f"{r['wall_s']:.2f}" for r in runs)
                print(f"{n:>7} subscribers, batched: {wall:6.2f} s wall, {requests} requests, "
                      f"peak RSS {rss:.0f} MB ({base:.0f} MB before the send); "
                      f"{int(runs[0]['reordered'])} in a preferred order; runs: {each} s")  # fmt: skip
                sample = min(args.sample, n)
                one = _child(data, url, "--child", "send", "--batch-size", "1",
                             "--limit", str(sample))  # fmt: skip
                per = one["wall_s"] / sample
                print(f"{n:>7} subscribers, one request each: {per * n:6.1f} s wall "
                      f"(extrapolated from a {sample}-recipient sample: {one['wall_s']:.2f} s), "
                      f"{n} requests")  # fmt: skip
                figures[str(n)] = {
                    "wall_s": round(wall, 3),
                    "wall_s_runs": [round(r["wall_s"], 3) for r in runs],
                    "requests": requests,
                    "reordered": int(runs[0]["reordered"]),
                    "peak_rss_mb": round(rss, 1),
                    "rss_before_send_mb": round(base, 1),
                    "baseline_one_request_each_s": round(per * n, 1),
                    "baseline_sample": sample,
                }
    finally:
        fake.terminate()
    print(json.dumps({"area": "send", "latency_ms": LATENCY_S * 1000, "runs": args.runs,
                      "cpus": os.cpu_count(), "sizes": figures}))  # fmt: skip


if __name__ == "__main__":
    main()
