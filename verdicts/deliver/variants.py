"""An issue's variants: the approved cards, byte for byte, in the order a reader prefers.

The editor approves one rendering (its content hash binds subject, HTML and text). A reader
whose preferences put other kinds of tools first gets the same card bytes in another order,
cut at seams the templates place between cards:

- HTML: each card is wrapped in `<!--card:N-->` ... `<!--/card:N-->` (N its editor position);
  mjml-python keeps comments, and each marker pair encloses the card's whole Outlook
  conditional table, so blocks move without breaking the markup around them. Scraped text
  cannot forge a marker: the renderer escapes `<`.
- Text: each card starts with two blank lines and a rule of 72 "=", the footer with two blank
  lines and a rule of 72 "-".

`reorder(part, order)` is pure and refuses (CardsError) anything it cannot cut cleanly: a
marker missing, repeated or out of place, or a card count other than the issue's. A variant is
named by its order ("2,0,1"); the editor's order is the empty name, whose parts are exactly the
approved bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from verdicts.deliver.base import Envelope
from verdicts.links import expand_issue_links

DEFAULT = ""  # the editor's order: the approved bytes as they are
TEXT_CARD = "\n\n\n" + "=" * 72 + "\n"
TEXT_FOOTER = "\n\n\n" + "-" * 72 + "\n"
_HTML_MARK = re.compile(r"<!--(/?)card:(\d{1,3})-->")


class CardsError(ValueError):
    """The part cannot be cut into the issue's cards: it is sent in the editor's order only."""


Span = tuple[int, int, int]  # (editor position, start, end)


def _html_spans(html: str) -> list[Span]:
    spans: list[Span] = []
    opened: tuple[int, int] | None = None  # (position, start) of the card being read
    for m in _HTML_MARK.finditer(html):
        closing, n = m.group(1) == "/", int(m.group(2))
        if not closing and opened is None:
            opened = (n, m.start())
        elif closing and opened is not None and opened[0] == n:
            spans.append((n, opened[1], m.end()))
            opened = None
        else:
            raise CardsError(f"card marker {m.group(0)!r} out of place")
    if opened is not None:
        raise CardsError("a card marker is not closed")
    if sorted(n for n, _, _ in spans) != list(range(len(spans))):
        raise CardsError("card markers are missing or repeated")
    return spans


def _text_spans(text: str) -> list[Span]:
    starts = [m.start() for m in re.finditer(re.escape(TEXT_CARD), text)]
    if not starts:
        return []
    end = text.find(TEXT_FOOTER, starts[-1])
    if end < 0:
        raise CardsError("no footer rule after the last card")
    # The text has no numbers: its cards are in the editor's order as rendered.
    return [(i, a, b) for i, (a, b) in enumerate(zip(starts, [*starts[1:], end], strict=True))]


def _is_html(part: str) -> bool:
    # By the part's start, not by a marker: scraped text in the text part may contain one.
    return part.lstrip()[:9].lower().startswith(("<!doctype", "<html"))


def _spans(part: str) -> list[Span]:
    return _html_spans(part) if _is_html(part) else _text_spans(part)


def card_spans(part: str) -> list[tuple[int, int]]:
    """(start, end) of each card in `part` (an HTML or a text part), in document order."""
    return [(a, b) for _, a, b in _spans(part)]


def cards(part: str) -> list[str]:
    return [part[a:b] for a, b in card_spans(part)]


def reorder(part: str, order: Sequence[int]) -> str:
    """`part` with its cards in `order` (editor positions); every other byte stays in place."""
    spans = _spans(part)
    if sorted(order) != list(range(len(spans))):
        raise CardsError(f"order {list(order)} is not a permutation of {len(spans)} cards")
    if not spans:
        return part
    block = {n: part[a:b] for n, a, b in spans}
    out = [part[: spans[0][1]]]
    for slot, position in enumerate(order):
        out.append(block[position])
        gap_end = spans[slot + 1][1] if slot + 1 < len(spans) else len(part)
        out.append(part[spans[slot][2] : gap_end])
    return "".join(out)


def can_reorder(html: str, text: str, count: int) -> bool:
    """Whether both parts cut cleanly into exactly `count` cards (else: editor's order only)."""
    try:
        return count > 1 and len(card_spans(html)) == count == len(card_spans(text))
    except CardsError:
        return False


def variant_name(order: Sequence[int]) -> str:
    """The ledger's name for an order; the identity order is DEFAULT."""
    return DEFAULT if list(order) == sorted(order) else ",".join(map(str, order))


def order_of(name: str, count: int) -> tuple[int, ...]:
    if name == DEFAULT:
        return tuple(range(count))
    try:
        order = tuple(int(n) for n in name.split(","))
    except ValueError:
        raise CardsError(f"not a variant name: {name[:40]!r}") from None
    if sorted(order) != list(range(count)):
        raise CardsError(f"variant {name!r} does not order {count} cards")
    return order


def envelope_for(base: Envelope, name: str, count: int, *, base_url: str) -> Envelope:
    """The variant's envelope from the approved (unexpanded) parts in `base`, links expanded."""
    html, text = base.html, base.text
    if name != DEFAULT:
        order = order_of(name, count)
        html, text = reorder(html, order), reorder(text, order)
    html, text = expand_issue_links(html, text, base_url, base.week)
    return Envelope(
        week=base.week,
        subject=base.subject,
        html=html,
        text=text,
        from_email=base.from_email,
        from_name=base.from_name,
        unsubscribe_mailto=base.unsubscribe_mailto,
        categories=base.categories,
    )
