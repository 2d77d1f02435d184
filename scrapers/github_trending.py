"""GitHub trending (daily/weekly/monthly, all or per language): one HTML page, no pagination.

There is no API; the cards are `article.Box-row`. Trending is not a launch date, so launched_at
stays empty and the relevance rule treats the page as a current listing.
"""

from __future__ import annotations

from bs4 import Tag

from scrapers import clean
from scrapers.base import SourceDef
from scrapers.errors import empty_listing
from verdicts.models import Launch

SITE = "https://github.com/"


def _stars(card: Tag, full_name: str) -> int | None:
    link = card.select_one(f'a[href="/{full_name}/stargazers"]')
    return clean.integer(link.get_text()) if link else None


def _card(card: Tag) -> Launch | None:
    link = card.select_one("h2 a[href]")
    if link is None:
        return None
    full_name = str(link["href"]).strip("/")
    if full_name.count("/") != 1:
        return None
    owner, repo = full_name.split("/")
    about = card.select_one("p")
    language = card.select_one('[itemprop="programmingLanguage"]')
    lang = clean.text(language.get_text(), clean.TAG_MAX) if language else ""
    url = clean.url(f"{SITE}{full_name}")
    return Launch(
        name=clean.name(repo),
        url=url,
        source="github-trending",
        external_id=full_name,
        tagline=clean.tagline(about.get_text(" ") if about else ""),
        category=lang,
        tags=(lang,) if lang else (),
        score=_stars(card, full_name),
        vendor=clean.name(owner),
        discussion_url=url,
    )


def parse(body: bytes, *, url: str = "") -> list[Launch]:
    soup = clean.soup_of(body)
    out = [launch for card in soup.select("article.Box-row") if (launch := _card(card))]
    if not out:
        raise empty_listing("github-trending", "the listing markup was not found")
    return out


SOURCE = SourceDef("github-trending", parse, summary="github.com/trending (HTML)")
