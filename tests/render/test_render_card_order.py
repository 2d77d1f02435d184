"""A reader's card order: the approved cards permuted byte for byte at the templates' seams."""

from __future__ import annotations

from dataclasses import replace
from itertools import permutations

import pytest
from render_sample import hostile_issue

from verdicts.deliver.variants import (
    CardsError,
    can_reorder,
    card_spans,
    cards,
    order_of,
    reorder,
    variant_name,
)
from verdicts.models import RenderedIssue
from verdicts.render import render_issue


def _outside(part: str) -> str:
    """Everything but the cards, with a placeholder where each card was."""
    spans = card_spans(part)
    out, last = [], 0
    for a, b in spans:
        out += [part[last:a], "<CARD>"]
        last = b
    return "".join([*out, part[last:]])


@pytest.mark.parametrize("kind", ["html", "text"])
def test_every_order_moves_whole_cards_and_nothing_else(rendered: RenderedIssue, kind) -> None:
    part = getattr(rendered, kind)
    original = cards(part)
    assert len(original) == 3
    titles = ("SmolLM3 vs Mistral 3.1", "Quillpad vs Draftwise", "Tracelight vs Logsmith")
    for card, title in zip(original, titles, strict=True):
        assert title in card  # each block is one whole comparison, in the editor's order
        assert sum(t in card for t in titles) == 1
    for order in permutations(range(3)):
        moved = reorder(part, order)
        assert cards(moved) == [original[i] for i in order]
        assert _outside(moved) == _outside(part)
        assert len(moved) == len(part)
    if kind == "html":  # the markers carry editor positions: any order goes back to the approved
        assert reorder(reorder(part, (2, 0, 1)), (0, 1, 2)) == part


def test_the_editors_order_is_the_approved_bytes(rendered: RenderedIssue) -> None:
    assert reorder(rendered.html, (0, 1, 2)) == rendered.html
    assert reorder(rendered.text, (0, 1, 2)) == rendered.text
    assert variant_name((0, 1, 2)) == "" and order_of("", 3) == (0, 1, 2)
    assert variant_name((2, 0, 1)) == "2,0,1" and order_of("2,0,1", 3) == (2, 0, 1)


def test_html_cards_keep_their_outlook_tables_whole(rendered: RenderedIssue) -> None:
    # Each card must open and close its own conditional tables, or moving it breaks Outlook.
    for card in cards(rendered.html):
        assert card.count("<table") == card.count("</table>")
        assert card.count("<div") == card.count("</div>")


def test_what_cannot_be_cut_cleanly_is_refused(rendered: RenderedIssue) -> None:
    html, text = rendered.html, rendered.text
    assert can_reorder(html, text, 3)
    assert not can_reorder(html, text, 2)  # the issue has another number of comparisons
    with pytest.raises(CardsError):
        reorder(html, (0, 1))
    with pytest.raises(CardsError):
        reorder(html, (0, 0, 1))
    for broken in (
        html.replace("<!--/card:1-->", "", 1),
        html.replace("<!--card:2-->", "<!--card:5-->", 1),
        html.replace("<!--/card:0-->", "", 1).replace("<!--card:1-->", "<!--/card:0-->", 1),
    ):
        with pytest.raises(CardsError):
            card_spans(broken)
        assert not can_reorder(broken, text, 3)
    no_footer = text.replace("\n\n\n" + "-" * 72 + "\n", "\n\n", 1)
    assert not can_reorder(html, no_footer, 3)
    with pytest.raises(CardsError):
        order_of("1,1,0", 3)


def test_scraped_text_cannot_add_a_seam(settings) -> None:
    issue = hostile_issue()
    first = issue.comparisons[0]
    rule = "\n\n\n" + "=" * 72 + "\n"
    sneaky = replace(first, reason=f"x{rule}<!--card:0-->")
    rendered = render_issue(replace(issue, comparisons=(sneaky, issue.comparisons[1])), settings)
    # The HTML escapes the marker; the text's normalisation folds the blank lines away.
    assert len(card_spans(rendered.html)) == 2 == len(card_spans(rendered.text))
    assert can_reorder(rendered.html, rendered.text, 2)
    # Were a seam to get through, the count would be wrong: the editor's order for everyone.
    forged = rendered.text.replace("\nx\n", f"\nx{rule}", 1)
    assert len(card_spans(forged)) == 3 and not can_reorder(rendered.html, forged, 2)
