"""Attach the panel to a pair: verdicts, ship shares, the reviewer split, prices and the vote.

A comparison is only built when both tools have verdicts. Otherwise `attach` returns None and the
pair waits for the panel: a reader never sees a verdict that nobody gave.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from verdicts.models import CommunityVote, Comparison, Pair, Price, Split, Tool, ToolPanel, Verdict
from verdicts.pricing import normalise_price
from verdicts.resolve.names import tool_key
from verdicts.resolve.urls import host_of

# Where open weights are published: a licence seen there is a licence on weights, not on code.
_WEIGHTS_HOSTS = frozenset({"huggingface.co", "ollama.com", "kaggle.com"})


def comparison_slug(a_name: str, b_name: str) -> str:
    """URL-safe and stable across renders: ('SmolLM3', 'Mistral 3.1') -> 'smollm3-vs-mistral-3-1'."""
    return f"{tool_key(a_name)}-vs-{tool_key(b_name)}"


def latest_per_reviewer(verdicts: Sequence[Verdict]) -> tuple[Verdict, ...]:
    """One verdict per reviewer (their latest), in the order reviewers first appear."""
    latest: dict[str, Verdict] = {}
    for verdict in verdicts:
        held = latest.get(verdict.reviewer.key)
        if held is None or verdict.judged_on >= held.judged_on:
            latest[verdict.reviewer.key] = verdict
    order = list(dict.fromkeys(v.reviewer.key for v in verdicts))
    return tuple(latest[k] for k in order)


def _has_open_weights(tool: Tool) -> bool:
    if not tool.license:
        return False
    urls = [tool.url, *(s.url for s in tool.sightings)]
    tags = {t.casefold() for t in tool.tags}
    return any(host_of(u) in _WEIGHTS_HOSTS for u in urls) or bool(
        tags & {"open-weights", "open weights", "text-generation", "llm"}
    )


def tool_price(tool: Tool, verdicts: Sequence[Verdict]) -> Price:
    """The tool's own pricing and licence, else the latest price a reviewer judged."""
    price = normalise_price(tool.pricing, tool.license, open_weights=_has_open_weights(tool))
    if price.label != "Not stated":
        return price
    judged = [v for v in verdicts if v.price_judged.strip()]
    if judged:
        latest = max(judged, key=lambda v: v.judged_on)
        return normalise_price(
            latest.price_judged, tool.license, open_weights=_has_open_weights(tool)
        )
    return price


def reviewer_splits(a: Sequence[Verdict], b: Sequence[Verdict]) -> tuple[Split, ...]:
    """Reviewers who judged both tools, differently, with the first sentence of each verdict."""
    by_reviewer = {v.reviewer.key: v for v in b}
    splits = []
    for va in a:
        vb = by_reviewer.get(va.reviewer.key)
        if vb is not None and va.ship != vb.ship:
            splits.append(Split(va.reviewer, va.ship, vb.ship, va.key_line, vb.key_line))
    return tuple(splits)


def attach(
    pair: Pair,
    verdicts: Mapping[str, Sequence[Verdict]],
    *,
    votes: tuple[int, int] = (0, 0),
    vote_minimum: int = 10,
) -> Comparison | None:
    """The comparison for `pair`, or None while either tool awaits the panel.

    `verdicts` maps tool keys to that tool's verdicts (any order, possibly several per reviewer:
    the latest counts). `votes` is (votes for A, votes for B).
    """
    a_verdicts = latest_per_reviewer(verdicts.get(pair.a.key, ()))
    b_verdicts = latest_per_reviewer(verdicts.get(pair.b.key, ()))
    if not a_verdicts or not b_verdicts:
        return None
    return Comparison(
        slug=comparison_slug(pair.a.name, pair.b.name),
        pair_key=pair.key,
        a=ToolPanel(pair.a, a_verdicts, tool_price(pair.a, a_verdicts)),
        b=ToolPanel(pair.b, b_verdicts, tool_price(pair.b, b_verdicts)),
        score=pair.score,
        reason=pair.reason,
        splits=reviewer_splits(a_verdicts, b_verdicts),
        vote=CommunityVote(max(0, votes[0]), max(0, votes[1]), vote_minimum),
    )
