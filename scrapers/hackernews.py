"""Hacker News: Show HN through the Algolia API (preferred), the HTML listing as a fallback.

The YC terms prefer the APIs and robots.txt asks for a 30 s crawl delay, so `hn-html` is off by
default in sources.toml.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from scrapers import clean
from scrapers._json import expect, load
from scrapers.base import Request, Response, SourceConfig, SourceDef, Window, param
from scrapers.errors import empty_listing
from verdicts.models import Launch

ITEM_URL = "https://news.ycombinator.com/item?id={}"
_PREFIX = re.compile(r"^\s*(show|launch)\s+hn\s*[:\-–—]\s*", re.IGNORECASE)
# "Name – what it does", "Name: what it does", "Name, a thing that..."
_SEPARATOR = re.compile(r"\s+[–—-]\s+|:\s+|,\s+(?=an?\s|the\s)")


def split_title(title: str) -> tuple[str, str]:
    """Show HN titles read "Show HN: Name – tagline"; return (name, tagline)."""
    rest, launches = _PREFIX.subn("", title)
    if not launches:  # a plain story or Ask HN: the whole title names it
        return title.strip(), ""
    rest = rest.strip()
    m = _SEPARATOR.search(rest)
    if m and 0 < m.start() <= 60:
        return rest[: m.start()].strip(), rest[m.end() :].strip()
    return rest, ""


def _launch(source: str, item_id: str, title: str, link: str, **extra: object) -> Launch:
    name, tagline = split_title(clean.text(title, 400))
    discussion = ITEM_URL.format(item_id)
    return Launch(
        name=clean.name(name),
        url=clean.url(link, base="https://news.ycombinator.com/") or discussion,
        source=source,
        external_id=item_id,
        tagline=clean.tagline(tagline),
        discussion_url=discussion,
        **extra,  # type: ignore[arg-type]
    )


def parse_algolia(body: bytes, *, url: str = "") -> list[Launch]:
    data = expect(load(body, "hn-algolia"), dict, "hn-algolia", "the top level")
    hits = expect(data.get("hits"), list, "hn-algolia", "'hits'")
    out = []
    for hit in hits:
        if not isinstance(hit, dict) or not hit.get("objectID") or not hit.get("title"):
            continue
        tags = [t for t in hit.get("_tags") or [] if t in ("show_hn", "ask_hn", "launch_hn")]
        out.append(
            _launch(
                "hn-algolia",
                str(hit["objectID"]),
                hit["title"],
                hit.get("url") or "",
                launched_at=clean.when(hit.get("created_at_i") or hit.get("created_at")),
                description=clean.html_text(hit.get("story_text"), clean.DESCRIPTION_MAX),
                score=clean.integer(hit.get("points")),
                tags=clean.tags(tags),
            )
        )
    return out


def parse_html(body: bytes, *, url: str = "") -> list[Launch]:
    soup = clean.soup_of(body)
    rows = soup.select("tr.athing")
    out = []
    for row in rows:
        link = row.select_one("span.titleline > a")
        item_id = row.get("id")
        if link is None or not item_id:
            continue
        sub = row.find_next_sibling("tr")
        score = sub.select_one("span.score") if sub else None
        age = sub.select_one("span.age") if sub else None
        stamp = str(age.get("title", "")).split() if age else []
        out.append(
            _launch(
                "hn-html",
                str(item_id),
                link.get_text(),
                str(link.get("href", "")),
                launched_at=clean.when(stamp[-1] if stamp else None),
                score=clean.integer(score.get_text()) if score else None,
            )
        )
    if not out:
        raise empty_listing("hn-html", "the tr.athing listing rows were not found")
    return out


def plan_algolia(config: SourceConfig, window: Window) -> list[Request]:
    return [Request(_algolia_url(config, window, 0))]


def _algolia_url(config: SourceConfig, window: Window, page: int) -> str:
    start, end = int(window.start.timestamp()), int(window.end.timestamp())
    filters = [f"created_at_i>={start}", f"created_at_i<{end}"]
    if param(config, "min_points", 0):
        filters.append(f"points>={int(param(config, 'min_points', 0))}")
    query = {
        "tags": param(config, "tags", "show_hn"),
        "numericFilters": ",".join(filters),
        "hitsPerPage": int(param(config, "hits_per_page", 100)),
        "page": page,
    }
    base = param(config, "url", "https://hn.algolia.com/api/v1/search_by_date")
    return f"{base}?{urlencode(query)}"


def follow_algolia(
    config: SourceConfig, window: Window, request: Request, response: Response, items: list[Launch]
) -> Request | None:
    data = load(response.body, "hn-algolia")
    page = int(data.get("page", 0)) if isinstance(data, dict) else 0
    pages = int(data.get("nbPages", 0)) if isinstance(data, dict) else 0
    if page + 1 >= pages or not items:
        return None
    return Request(_algolia_url(config, window, page + 1), page=request.page + 1)


ALGOLIA = SourceDef(
    "hn-algolia",
    parse_algolia,
    plan=plan_algolia,
    follow=follow_algolia,
    summary="Show HN via the Algolia API, windowed on created_at_i, paged",
)
HTML = SourceDef("hn-html", parse_html, summary="news.ycombinator.com/show listing (fallback)")
