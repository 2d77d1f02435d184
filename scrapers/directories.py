"""AI tool directories: There's An AI For That (`taaft`) and Futurepedia (`futurepedia`).

Neither has an API. TAAFT lists tools as `li.li[data-id][data-name]` with relative release ages
("released 3h ago"), which only mean a date once we know when the page was fetched: `now` is
passed by the runner and left out for saved files (launched_at then stays empty). Futurepedia is
Next.js: its tools live in `self.__next_f.push([1, "..."])` RSC payloads, not in the HTML.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

from bs4 import Tag

from scrapers import clean
from scrapers.base import SourceDef
from scrapers.errors import empty_listing
from verdicts.models import Launch

TAAFT = "https://theresanaiforthat.com/"
FUTUREPEDIA = "https://www.futurepedia.io/"
_AGE = re.compile(r"(\d+)\s*(mo|m|h|d|w|y)\b")
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "mo": 30 * 86400, "y": 365 * 86400}
_PUSH = re.compile(r"self\.__next_f\.push\((\[.*?\])\)\s*</script>", re.DOTALL)


def released_at(age: str, now: datetime | None) -> datetime | None:
    """ "v2 released 52m ago" or "5d ago" fetched at `now` -> a datetime (minute precision)."""
    m = _AGE.search(age or "")
    if now is None or m is None:
        return None
    return now - timedelta(seconds=int(m.group(1)) * _UNITS[m.group(2)])


def _taaft_item(li: Tag, now: datetime | None) -> Launch | None:
    item_id, name = li.get("data-id"), li.get("data-name")
    if not item_id or not name:
        return None
    link = li.select_one("a.ai_link[href]")
    page = clean.url(str(link["href"]), base=TAAFT) if link else ""
    desc = li.select_one(".short_desc")
    price = li.select_one("a.ai_launch_date")
    released = li.select_one(".released .relative")
    age = str(li.get("data-release") or (released.get_text() if released else ""))
    task = clean.text(li.get("data-task"), clean.TAG_MAX)
    return Launch(
        name=clean.name(name),
        url=clean.url(str(li.get("data-url") or "")) or page,
        source="taaft",
        external_id=str(item_id),
        launched_at=released_at(age, now),
        tagline=clean.tagline(desc.get_text(" ") if desc else ""),
        category=task,
        tags=(task,) if task else (),
        pricing=clean.text(price.get_text(" ") if price else "", 80),
        discussion_url=page,
    )


def parse_taaft(body: bytes, *, url: str = "", now: datetime | None = None) -> list[Launch]:
    soup = clean.soup_of(body)
    seen: dict[str, Launch] = {}
    for li in soup.select("li.li[data-id][data-name]"):
        launch = _taaft_item(li, now)
        if launch is not None:
            seen.setdefault(launch.external_id, launch)  # a tool can sit in two lists
    if not seen:
        raise empty_listing("taaft", "the li.li[data-id] tool items were not found")
    return list(seen.values())


def _rsc_payload(html: str) -> str:
    parts = []
    for chunk in _PUSH.findall(html):
        try:
            value = json.loads(chunk)
        except json.JSONDecodeError:
            continue  # a chunk we do not need (or a trimmed one)
        if isinstance(value, list) and len(value) > 1 and isinstance(value[1], str):
            parts.append(value[1])
    return "".join(parts)


def _futurepedia_item(obj: dict) -> Launch:
    slug = (obj.get("slug") or {}).get("current") or ""
    cats = [c.get("categoryName") for c in obj.get("toolCategories") or [] if isinstance(c, dict)]
    tags = clean.tags([c for c in cats if c])
    page = clean.url(f"{FUTUREPEDIA}tool/{slug}") if slug else FUTUREPEDIA
    return Launch(
        name=clean.name(obj.get("toolName")),
        url=page,
        source="futurepedia",
        external_id=str(obj.get("_id")),
        tagline=clean.tagline(obj.get("toolShortDescription")),
        category=tags[0] if tags else "",
        tags=tags,
        score=clean.integer(obj.get("favCount")),
        discussion_url=page,
    )


def parse_futurepedia(body: bytes, *, url: str = "", now: datetime | None = None) -> list[Launch]:
    payload = _rsc_payload(body.decode("utf-8", "replace"))
    decoder = json.JSONDecoder()
    seen: dict[str, Launch] = {}
    # Tool records are JSON objects inside the RSC stream; decode each candidate in place.
    for m in re.finditer(r'\{"_id":"', payload):
        try:
            obj, _end = decoder.raw_decode(payload, m.start())
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and obj.get("toolName"):
            seen.setdefault(str(obj["_id"]), _futurepedia_item(obj))
    if not seen:
        raise empty_listing("futurepedia", "no tool records (toolName) in the page's RSC payload")
    return list(seen.values())


TAAFT_SOURCE = SourceDef(
    "taaft", parse_taaft, summary="There's An AI For That listing", relative_dates=True
)
FUTUREPEDIA_SOURCE = SourceDef("futurepedia", parse_futurepedia, summary="Futurepedia listing")
