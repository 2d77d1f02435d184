"""Every page carries the security headers and escapes what it shows; `verdicts web` serves them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from verdicts import links
from verdicts.store.subscribers import add_active, find_by_email

from .conftest import local

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


async def test_headers_on_every_page_and_refusal(client, store, settings) -> None:
    with store.transaction() as s:
        add_active(s, ["reader@example.com"], source="test")
        sub = find_by_email(s, "reader@example.com").id
    secret = settings.secret_key.get_secret_value()
    paths = [
        "/subscribe",
        "/archive/",
        "/archive/2026-W01/",
        "/no/such/page",
        "/vote/forged",
        local(links.unsubscribe_url(settings.base_url, secret, sub)),
        local(links.preferences_url(settings.base_url, secret, sub)),
    ]
    for path in paths:
        r = await client.get(path)
        for name, value in HEADERS.items():
            assert r.headers.get(name) == value, (path, name)
        csp = r.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, path
        assert "script-src" not in csp or "'unsafe-inline'" not in csp


async def test_address_with_markup_is_escaped_on_every_page(client, store, settings) -> None:
    tricky = '"><script>alert(1)</script>@example.com'
    with store.transaction() as s:
        from verdicts.store.schema import SubscriberRow

        s.add(SubscriberRow(email=tricky, status="active"))
        s.flush()
        sub = find_by_email(s, tricky).id
    secret = settings.secret_key.get_secret_value()
    for url in (
        links.unsubscribe_url(settings.base_url, secret, sub),
        links.preferences_url(settings.base_url, secret, sub),
    ):
        page = await (await client.get(local(url))).text()
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_verdicts_web_serves_on_the_given_port(tmp_path) -> None:
    port = _free_port()
    env = {**os.environ, "VERDICTS_DATA_DIR": str(tmp_path / "var")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "verdicts.cli.main", "web", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = ""
        for _ in range(300):  # polls until up; a failure shows in the assertion, not a clock
            if proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/subscribe") as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.05)
        assert "Your email address" in body, proc.stderr.read() if proc.poll() is not None else ""
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"serving on http://127.0.0.1:{port}/" in out
