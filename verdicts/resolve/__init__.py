"""Resolve: the sightings of one week (and the catalog) into tools, one per product.

Two launches are the same tool when they share a strong name form ("SmolLM3-3B" on Hugging Face,
"smollm3 3b" elsewhere) or the same product URL. A name without a parameter count ("SmolLM3")
joins the one sized tool of its family ("SmolLM3-3B"), never two: "Llama 3.1" next to both an 8B
and a 70B stays apart. Versions are part of the name, so "Llama 3.2 3B" is never "Llama 3.3 70B".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from verdicts.models import Launch, Tool
from verdicts.resolve.names import (
    family_of,
    normalise_name,
    size_of,
    split_title,
    split_vendor,
    strong_forms,
    tool_key,
)
from verdicts.resolve.urls import canonical_url, is_listing_url, repo_slug

__all__ = ["aliases_for", "canonical_url", "normalise_name", "resolve", "split_title", "tool_key"]

# Big vendors put many products under one bare domain: a root URL there says who, not what.
_SHARED_HOSTS = frozenset(
    {
        "openai.com",
        "google.com",
        "microsoft.com",
        "anthropic.com",
        "meta.com",
        "ai.meta.com",
        "mistral.ai",
        "huggingface.co",
        "github.com",
        "apple.com",
        "amazon.com",
        "aws.amazon.com",
        "nvidia.com",
        "deepmind.google",
        "blog.google",
        "x.ai",
        "ibm.com",
    }
)


def _display_name(launch: Launch) -> str:
    name, _ = split_title(launch.name)
    bare, _ = split_vendor(name)
    return bare or name


def aliases_for(launch: Launch) -> set[str]:
    """Every normalised spelling this launch may be called by, for the store's alias table:
    the name, its vendor-less and domain-less forms, the repository id, and the family without
    a parameter count ('smollm3' for 'SmolLM3-3B')."""
    name, _ = split_title(launch.name)
    forms = strong_forms(name)
    repo = repo_slug(launch.url)
    if repo:
        forms.add(repo.lower())
        forms |= strong_forms(repo)
    if "/" in name:
        forms.add(name.casefold())
    norm = normalise_name(name)
    if norm and size_of(norm):
        forms.add(family_of(norm))
    return {f for f in forms if f}


def _strong_aliases(launch: Launch) -> set[str]:
    """Aliases that identify exactly one product (the sizeless family excluded)."""
    aliases = aliases_for(launch)
    norm = normalise_name(launch.name)
    if size_of(norm):
        aliases.discard(family_of(norm))
    return aliases


def _identifying_url(url: str) -> str:
    """The canonical URL when it names one product on its own, else ''."""
    canon = canonical_url(url)
    if not canon or is_listing_url(canon):
        return ""  # listing pages (PH /products/<maker>, HN items) may cover several products
    host_and_path = canon.split("://", 1)[1]
    if "/" not in host_and_path and host_and_path in _SHARED_HOSTS:
        return ""
    return canon


class _Groups:
    """Union-find over launch indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _most_common(values: Iterable[str]) -> str:
    counted = Counter(v for v in values if v)
    if not counted:
        return ""
    # Most sightings first, then the shorter spelling ("SmolLM3" over "SmolLM3-3B").
    return min(counted, key=lambda v: (-counted[v], len(v), v))


def _build_tool(launches: Sequence[Launch], known: Tool | None) -> Tool:
    ordered = sorted(launches, key=lambda s: (s.launched_at is None, s.launched_at or 0, s.source))
    names = [_display_name(s) for s in ordered]
    urls = [canonical_url(s.url) for s in ordered]
    product_urls = [u for u in urls if u and not is_listing_url(u)]
    taglines = [s.tagline or split_title(s.name)[1] for s in ordered]
    vendors = [
        s.vendor or split_vendor(split_title(s.name)[0])[1] or repo_slug(s.url).partition("/")[0]
        for s in ordered
    ]
    aliases: set[str] = set()
    for s in ordered:
        aliases |= aliases_for(s)
    tags: list[str] = []
    for s in ordered:
        tags += [t for t in s.tags if t not in tags]
    dates = [s.launched_at for s in ordered if s.launched_at]
    # A name without a parameter count is how the product is marketed ("SmolLM3", not
    # "SmolLM3-3B"): prefer it when the group has one.
    sizeless = [n for n in names if not size_of(normalise_name(n))]
    name = known.name if known else _most_common(sizeless) or _most_common(names)
    return Tool(
        key=known.key if known else tool_key(name),
        name=name,
        url=(known.url if known and known.url else "")
        or _most_common(product_urls)
        or _most_common(urls),
        tagline=(known.tagline if known else "") or next((t for t in taglines if t), ""),
        description=(known.description if known else "")
        or max((s.description for s in ordered), key=len),
        category=(known.category if known else "") or _most_common(s.category for s in ordered),
        tags=tuple(dict.fromkeys((*(known.tags if known else ()), *tags)))[:20],
        vendor=(known.vendor if known else "") or _most_common(vendors),
        pricing=(known.pricing if known else "") or _most_common(s.pricing for s in ordered),
        license=(known.license if known else "") or _most_common(s.license for s in ordered),
        aliases=tuple(sorted(aliases | set(known.aliases if known else ()))),
        sightings=tuple(
            {
                (s.source, s.external_id): s
                for s in (*(known.sightings if known else ()), *ordered)
            }.values()
        ),
        first_seen=min(
            (d for d in (known.first_seen if known else None, *dates) if d), default=None
        ),
        is_new=known is None,
    )


def _index_known(
    known: Sequence[Tool],
) -> tuple[dict[str, int], dict[str, int], dict[str, list[int]]]:
    by_alias: dict[str, int] = {}
    by_url: dict[str, int] = {}
    by_family: dict[str, list[int]] = {}
    for i, tool in enumerate(known):
        norm = normalise_name(tool.name)
        family = family_of(norm) if size_of(norm) else ""
        forms = strong_forms(tool.name) | {a.casefold() for a in tool.aliases}
        for alias in forms - {family, ""}:
            by_alias.setdefault(alias, i)
        url = _identifying_url(tool.url)
        if url:
            by_url.setdefault(url, i)
        by_family.setdefault(family or norm, []).append(i)
    return by_alias, by_url, by_family


def resolve(launches: Iterable[Launch], known: Iterable[Tool] = ()) -> list[Tool]:
    """Group this window's launches into tools. A group matching a known tool (by alias or
    product URL) keeps that tool's key and fields and has is_new=False; others are new.

    Only tools seen in `launches` are returned, in order of first sighting.
    """
    items = list(launches)
    catalog = list(known)
    groups = _Groups(len(items))
    first_by_key: dict[str, int] = {}
    for i, launch in enumerate(items):
        keys = {f"a:{a}" for a in _strong_aliases(launch)}
        url = _identifying_url(launch.url)
        if url:
            keys.add(f"u:{url}")
        for key in keys:
            if key in first_by_key:
                groups.union(i, first_by_key[key])
            else:
                first_by_key[key] = i

    members: dict[int, list[int]] = {}
    for i in range(len(items)):
        members.setdefault(groups.find(i), []).append(i)

    _join_sizeless(items, members, groups)
    members = {}
    for i in range(len(items)):
        members.setdefault(groups.find(i), []).append(i)

    by_alias, by_url, by_family = _index_known(catalog)
    tools: list[Tool] = []
    used_keys: set[str] = set()
    for idxs in sorted(members.values(), key=min):
        group = [items[i] for i in idxs]
        match = _match_known(group, by_alias, by_url, by_family)
        tool = _build_tool(group, catalog[match] if match is not None else None)
        if match is None:
            key, n = tool.key, 2
            while key in used_keys or any(k.key == key for k in catalog):
                key, n = f"{tool.key}-{n}", n + 1
            if key != tool.key:
                tool = replace(tool, key=key)
        used_keys.add(tool.key)
        tools.append(tool)
    return tools


def _join_sizeless(items: list[Launch], members: dict[int, list[int]], groups: _Groups) -> None:
    """Join a group named without a size ("SmolLM3") to the only sized group of its family."""
    sized: dict[str, set[int]] = {}
    sizeless: dict[str, list[int]] = {}
    for root, idxs in members.items():
        norms = {normalise_name(items[i].name) for i in idxs}
        if any(size_of(n) for n in norms):
            for n in norms:
                if size_of(n):
                    sized.setdefault(family_of(n), set()).add(root)
        else:
            for n in norms:
                sizeless.setdefault(family_of(n), []).append(root)
    for family, roots in sizeless.items():
        targets = sized.get(family, set())
        if len(targets) == 1:
            target = next(iter(targets))
            for root in roots:
                groups.union(root, target)


def _match_known(
    group: Sequence[Launch],
    by_alias: dict[str, int],
    by_url: dict[str, int],
    by_family: dict[str, list[int]],
) -> int | None:
    for launch in group:
        for alias in sorted(_strong_aliases(launch)):
            if alias in by_alias:
                return by_alias[alias]
        url = _identifying_url(launch.url)
        if url in by_url:
            return by_url[url]
    for launch in group:
        norm = normalise_name(launch.name)
        if not size_of(norm):
            candidates = by_family.get(family_of(norm), [])
            if len(candidates) == 1:
                return candidates[0]
    return None
