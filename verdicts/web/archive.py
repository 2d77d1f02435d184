"""The public archive: every sent issue and its comparison pages, from the digests folder.

Only issues in state `sent` are public. A draft's files sit in the same folder (the editor
reviews them there), so the store, not the file system, decides what a reader may see; the
archive index is rendered per request from the sent issues' manifests for the same reason
(digests/index.html, rewritten at each draft and send, lists the sent issues only as well).

Paths are never built from raw input: the week must be an ISO week, the slug one the issue's
manifest lists, and the resolved file must lie inside the week's folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from aiohttp import web
from sqlalchemy import select

from verdicts.lifecycle import State
from verdicts.render.digest import (
    ARCHIVE_TEMPLATE,
    MANIFEST,
    RESERVED,
    SLUG_RE,
    WEEK_RE,
    archive_entries,
)
from verdicts.render.environment import markup_env
from verdicts.render.view import links_for
from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.store.issues import sent_weeks
from verdicts.store.schema import IssueRow
from verdicts.web.pages import blocking, settings_of, store_of

# Sent issues never change: let browsers and proxies keep them a while.
PUBLIC_CACHE = "public, max-age=300"


def _sent_weeks(store: Store) -> set[str]:
    with store.transaction() as s:
        return sent_weeks(s)


def _is_sent(store: Store, week: str) -> bool:
    with store.transaction() as s:
        state = s.scalar(select(IssueRow.state).where(IssueRow.week == week))
    return state == State.SENT


def render_index(settings: Settings, sent: set[str]) -> str:
    entries = archive_entries(settings.digests_dir, settings, sent)
    return (
        markup_env()
        .get_template(ARCHIVE_TEMPLATE)
        .render(
            entries=entries,
            links=links_for(settings, ""),
            brand=settings.from_name,
            postal_address=settings.postal_address,
        )
    )


def public_file(digests_dir: Path, week: str, slug: str | None) -> Path | None:
    """The file for /archive/<week>/[<slug>], or None when there is no such public page."""
    if not WEEK_RE.match(week):
        return None
    folder = (digests_dir / week).resolve()
    if slug is None:
        name = "index.html"
    else:
        if not SLUG_RE.match(slug) or slug in RESERVED or ".." in slug:
            return None
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if slug not in manifest.get("comparison_slugs", []):
            return None  # email.html, manifest.json and stray files are not pages
        name = f"{slug}.html"
    path = (folder / name).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path


def _html(body: str) -> web.Response:
    response = web.Response(text=body, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = PUBLIC_CACHE
    return response


async def home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/archive/")


async def index(request: web.Request) -> web.StreamResponse:
    settings = settings_of(request)
    sent = await blocking(_sent_weeks, store_of(request))
    return _html(await blocking(render_index, settings, sent))


async def issue_page(request: web.Request) -> web.StreamResponse:
    week = request.match_info["week"]
    slug = request.match_info.get("slug")
    settings = settings_of(request)
    path = public_file(settings.digests_dir, week, slug)
    if path is None or not await blocking(_is_sent, store_of(request), week):
        raise web.HTTPNotFound(text="No such page in the archive.")
    return _html(await blocking(path.read_text, "utf-8"))


async def add_slash(request: web.Request) -> web.StreamResponse:
    week = request.match_info.get("week", "")
    if week and not WEEK_RE.match(week):
        raise web.HTTPNotFound(text="No such page in the archive.")
    raise web.HTTPMovedPermanently(f"/archive/{week}/" if week else "/archive/")


def setup(app: web.Application) -> None:
    app.router.add_get("/", home)
    app.router.add_get("/archive", add_slash)
    app.router.add_get("/archive/", index)
    app.router.add_get("/archive/{week}", add_slash)
    app.router.add_get("/archive/{week}/", issue_page)
    app.router.add_get("/archive/{week}/{slug}", issue_page)
