"""The one registry of source kinds. sources.toml entries and `verdicts scrape --source` name these.

Built-in sources register exactly the way an extension would: `register(SourceDef(...))`.
"""

from __future__ import annotations

from scrapers import (
    directories,
    feeds,
    github_trending,
    hackernews,
    huggingface,
    producthunt,
    reddit,
)
from scrapers.base import SourceDef

_REGISTRY: dict[str, SourceDef] = {}


def register(source: SourceDef) -> SourceDef:
    if source.name in _REGISTRY and _REGISTRY[source.name] is not source:
        raise ValueError(f"source {source.name!r} is already registered")
    _REGISTRY[source.name] = source
    return source


def get(name: str) -> SourceDef:
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"unknown source {name!r}; known sources: {known}") from None


def names() -> list[str]:
    return list(_REGISTRY)


for _source in (
    hackernews.ALGOLIA,
    hackernews.HTML,
    producthunt.FEED,
    producthunt.API,
    github_trending.SOURCE,
    huggingface.MODELS,
    huggingface.SPACES,
    huggingface.PAPERS,
    feeds.SOURCE,
    reddit.SOURCE,
    directories.TAAFT_SOURCE,
    directories.FUTUREPEDIA_SOURCE,
):
    register(_source)
