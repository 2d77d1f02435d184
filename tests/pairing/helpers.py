"""Small builders for the values pairing works on, so each test states only what it is about."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from verdicts.cli.pair import pair_lines
from verdicts.models import Launch, Reviewer, Tool, Verdict
from verdicts.pairing.exemplars import withheld
from verdicts.resolve import tool_key


def launch(name: str, url: str = "", source: str = "test", **fields: object) -> Launch:
    fields.setdefault("external_id", f"{source}:{name}")
    fields.setdefault("launched_at", datetime(2026, 7, 8, tzinfo=UTC))
    return Launch(name=name, url=url, source=source, **fields)  # type: ignore[arg-type]


def unlabelled_pairs(launches: Sequence[Launch]) -> set[frozenset[str]]:
    """The pairs `verdicts pair` prints for `launches` as on a week nobody labelled: none of them
    votes for another as an exemplar."""
    with withheld(launch.name for launch in launches):
        return {frozenset((str(r["a"]), str(r["b"]))) for r in pair_lines(list(launches))}


def tool(name: str, tagline: str = "", description: str = "", **fields: object) -> Tool:
    fields.setdefault("key", tool_key(name))
    fields.setdefault("url", f"https://{tool_key(name)}.example")
    return Tool(name=name, tagline=tagline, description=description, **fields)  # type: ignore[arg-type]


BUILDER = Reviewer("builder", "The Builder", "builder / developer experience")
SKEPTIC = Reviewer("skeptic", "The Skeptic", "competitive skeptic")
FUTURIST = Reviewer("futurist", "The Futurist", "futurist")
BUYER = Reviewer("buyer", "The Buyer", "buyer / business")
PANEL = (BUILDER, SKEPTIC, FUTURIST, BUYER)


def verdict(
    reviewer: Reviewer, tool_key: str, ship: bool, paragraph: str = "", **fields: object
) -> Verdict:
    fields.setdefault("judged_on", date(2026, 7, 10))
    text = (
        paragraph
        or f"{reviewer.name} says {'ship' if ship else 'skip'} on {tool_key}, for reasons given here."
    )
    return Verdict(reviewer=reviewer, tool_key=tool_key, ship=ship, paragraph=text, **fields)  # type: ignore[arg-type]
