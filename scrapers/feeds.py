"""Any RSS 2.0 or Atom feed: vendor blogs (OpenAI, DeepMind, Google AI, Hugging Face), community
feeds (Anthropic, Mistral via Olshansk/rss-feeds) and Reddit's .rss listings.

Feeds mix launches with news; the relevance rule's `launch_only` list keeps just the launches.
"""

from __future__ import annotations

import re

from scrapers import clean
from scrapers._xml import read_feed
from scrapers.base import SourceDef
from verdicts.models import Launch

# Reddit's Atom content ends with "submitted by /u/x [link] [comments]": noise, not description.
_REDDIT_FOOTER = re.compile(r"\s*submitted by\s+/u/\S+.*$", re.DOTALL)


def parse(body: bytes, *, url: str = "") -> list[Launch]:
    out = []
    for entry in read_feed(body, "feed"):
        link = clean.url(entry.link, base=url)
        if not entry.title or not (link or entry.id):
            continue
        summary = _REDDIT_FOOTER.sub("", clean.html_text(entry.summary, clean.DESCRIPTION_MAX * 2))
        out.append(
            Launch(
                name=clean.name(entry.title),
                url=link,
                source="feed",
                external_id=clean.text(entry.id or link, 300),
                launched_at=clean.when(entry.published or entry.updated),
                description=clean.description(summary),
                category=clean.text(entry.categories[0], clean.TAG_MAX) if entry.categories else "",
                tags=clean.tags(list(entry.categories)),
                vendor=clean.name(entry.author.removeprefix("/u/")) if entry.author else "",
                discussion_url=link,
            )
        )
    return out


SOURCE = SourceDef("feed", parse, summary="any RSS or Atom feed")
