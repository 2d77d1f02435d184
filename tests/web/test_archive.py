"""The public archive: sent issues only, from the digests folder, with no way out of it."""

from __future__ import annotations

from ..helpers import drafted_issue
from .conftest import sent_issue

SLUG = "chatcut-vs-fablecut"


async def test_a_draft_is_not_public(client, store, settings) -> None:
    drafted_issue(store, settings)
    # The digests folder holds the draft's files for the editor; neither the static index
    # drafting wrote (a folder published as it is) nor the web archive lists it.
    static = (settings.digests_dir / "index.html").read_text()
    assert "2026-W29" not in static and "No issue has been published yet" in static
    r = await client.get("/archive/")
    assert r.status == 200
    page = await r.text()
    assert "2026-W29" not in page and "No issue has been published yet" in page
    for path in ("/archive/2026-W29/", f"/archive/2026-W29/{SLUG}"):
        r = await client.get(path)
        assert r.status == 404, path
        assert r.headers["X-Content-Type-Options"] == "nosniff"


async def test_a_sent_issue_and_its_comparison_pages_are_public(client, store, settings) -> None:
    sent_issue(store, settings)
    static = (settings.digests_dir / "index.html").read_text()
    assert "/archive/2026-W29/" in static  # the send rewrote the static index
    drafted_issue(store, settings, week="2026-W30", subscribers=0)  # next week's draft
    page = await (await client.get("/archive/")).text()
    assert "/archive/2026-W29/" in page and "2026-W30" not in page
    static = (settings.digests_dir / "index.html").read_text()
    assert "/archive/2026-W29/" in static and "2026-W30" not in static
    r = await client.get("/archive/2026-W29/")
    assert r.status == 200 and "ChatCut" in await r.text()
    assert r.headers["Cache-Control"].startswith("public")
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    r = await client.get(f"/archive/2026-W29/{SLUG}")
    assert r.status == 200 and "ChatCut vs FableCut" in await r.text()
    assert (await client.get("/archive/2026-W30/")).status == 404
    r = await client.get("/archive/2026-W29", allow_redirects=False)
    assert r.status == 301 and r.headers["Location"] == "/archive/2026-W29/"
    r = await client.get("/", allow_redirects=False)
    assert r.status == 302 and r.headers["Location"] == "/archive/"


async def test_no_path_leads_out_of_the_issue_or_to_its_other_files(client, store, settings):
    sent_issue(store, settings)
    (settings.digests_dir / "secret.html").write_text("outside")
    for path in (
        "/archive/2026-W29/email",  # the email with its substitution tokens
        "/archive/2026-W29/manifest",
        "/archive/2026-W29/index",
        "/archive/2026-W29/..%2Fsecret",
        "/archive/2026-W29/%2E%2E",
        "/archive/..%2F2026-W29/",
        "/archive/2026-W29/../secret.html",
        "/archive/2026-W99/",
        "/archive/not-a-week/",
        f"/archive/2026-W29/{SLUG}.html",
    ):
        r = await client.get(path, allow_redirects=False)
        # The client itself folds "%2E%2E" into "..", landing on the archive index: harmless.
        assert r.status in (301, 404) or r.url.path == "/archive/", path
        body = await r.text()
        assert "outside" not in body and "-unsubscribe_url-" not in body, path
