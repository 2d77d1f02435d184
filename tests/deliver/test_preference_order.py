"""Preference-ordered issues: the approved cards, byte for byte, in each reader's order."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

from verdicts.build import compose
from verdicts.deliver.drain import SendRefused, load_content, send_issue
from verdicts.deliver.outbox import OutboxSender
from verdicts.deliver.senders import sender_for
from verdicts.deliver.variants import cards, reorder
from verdicts.drafting import make_draft
from verdicts.links import expand_issue_links, read_reader_token, reader_values
from verdicts.models import Tool
from verdicts.render import fill_html, fill_text
from verdicts.store.issues import approve, get_issue
from verdicts.store.readers import set_preferences
from verdicts.store.schema import DeliveryRow, SubscriberRow
from verdicts.store.subscribers import add_active, find_by_email
from verdicts.store.tools import upsert_tool
from verdicts.weeks import window_for

from ..helpers import comparison

WEEK = "2026-W29"
TITLES = ("EdOne vs EdTwo", "CutOne vs CutTwo", "SayIt vs Voicy")  # the editor's order
READERS = {
    "plain@example.com": None,
    "video@example.com": ["video-editor"],
    "voice@example.com": ["tts", "video-editor"],
    "nomatch@example.com": ["slides"],
}


def _tool(key: str, name: str, tagline: str) -> Tool:
    return Tool(key, name, f"https://{key}.example", tagline=tagline)


@pytest.fixture
def issue_dir(store, settings) -> Path:
    code = comparison(
        _tool("ed1", "EdOne", "AI code editor for your repo"),
        _tool("ed2", "EdTwo", "an AI-first code editor"),
    )
    video = comparison(
        _tool("cut1", "CutOne", "AI video editor"), _tool("cut2", "CutTwo", "AI video editor")
    )
    voice = comparison(
        _tool("tts1", "SayIt", "text-to-speech model with natural voices"),
        _tool("tts2", "Voicy", "open text-to-speech model"),
    )
    pairs = [code, video, voice]
    with store.transaction() as s:
        for c in pairs:
            upsert_tool(s, c.a.tool)
            upsert_tool(s, c.b.tool)
        add_active(s, list(READERS), source="test")
        for address, kinds in READERS.items():
            if kinds is not None:
                set_preferences(s, find_by_email(s, address).id, {"kinds": kinds, "version": 1})
    content = compose(WEEK, pairs, [], window=window_for(WEEK), launches_seen=6)
    draft = make_draft(store, content, settings, actor="test")
    with store.transaction() as s:
        approve(s, get_issue(s, WEEK), editor="Ed", preflight_ok=True)
    return draft.digest_dir


def _messages(settings) -> dict[str, email.message.EmailMessage]:
    out = {}
    for path in sorted((settings.outbox_dir / WEEK).glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        out[str(msg["To"])] = msg
    return out


def _titles(part: str) -> list[str]:
    return [next(t for t in TITLES if t in card) for card in cards(part)]


def test_each_reader_gets_the_approved_cards_in_their_order(store, settings, issue_dir):
    report = send_issue(store, WEEK, OutboxSender(settings.outbox_dir), settings)
    assert report.sent_now == 4 and report.reordered == 2
    with store.transaction() as s:
        variants = dict(
            s.execute(
                select(SubscriberRow.email, DeliveryRow.variant).join(
                    DeliveryRow, DeliveryRow.subscriber_id == SubscriberRow.id
                )
            ).all()
        )
        approved_html, approved_text = load_content(get_issue(s, WEEK))
    assert variants == {
        "plain@example.com": "",
        "video@example.com": "1,0,2",
        "voice@example.com": "1,2,0",
        "nomatch@example.com": "",
    }
    expected_order = {
        "plain@example.com": (0, 1, 2),
        "video@example.com": (1, 0, 2),
        "voice@example.com": (1, 2, 0),
        "nomatch@example.com": (0, 1, 2),
    }
    secret = settings.secret_key.get_secret_value()
    for address, msg in _messages(settings).items():
        html = msg.get_body(("html",)).get_content()
        text = msg.get_body(("plain",)).get_content()
        order = expected_order[address]
        assert _titles(text) == _titles(html) == [TITLES[i] for i in order]
        # Byte for byte: the approved parts, cards permuted, links expanded, values filled.
        token = str(msg["List-Unsubscribe"]).split(">")[0].rsplit("/", 1)[1]
        reader = read_reader_token(secret, token)
        values = reader_values(
            settings.base_url,
            secret,
            subscriber_id=reader.subscriber_id,
            email=address,
            week=WEEK,
            now=0,
        ) | {"-reader_token-": token}
        want_html, want_text = expand_issue_links(
            reorder(approved_html, order), reorder(approved_text, order), settings.base_url, WEEK
        )
        assert html.rstrip("\n") == fill_html(want_html, values).rstrip("\n")
        assert text.rstrip("\n") == fill_text(want_text, values).rstrip("\n")
        # The first card's vote links name the pair by its editor position.
        first = cards(text)[0]
        assert f"/vote/{WEEK}/{order[0]}/a/{token}" in first
        assert f"/vote/{WEEK}/{order[0]}/b/{token}" in first


def test_the_editors_order_is_the_approved_bytes(store, settings, issue_dir):
    approved_html = (issue_dir / "email.html").read_text("utf-8")
    approved_text = (issue_dir / "email.txt").read_text("utf-8")
    assert reorder(approved_html, (0, 1, 2)) == approved_html
    assert reorder(approved_text, (0, 1, 2)) == approved_text
    assert _titles(approved_text) == list(TITLES)


def test_an_edited_card_is_still_refused(store, settings, issue_dir):
    html = issue_dir / "email.html"
    html.write_text(html.read_text("utf-8").replace("CutOne vs CutTwo", "CutOne vs CutTwo!"))
    with pytest.raises(SendRefused, match="differ from what Ed approved"):
        send_issue(store, WEEK, OutboxSender(settings.outbox_dir), settings)
    assert not (settings.outbox_dir / WEEK).exists()


def test_variant_batches_survive_refusals_and_go_once(store, sg_settings, fake_sendgrid, issue_dir):
    settings = sg_settings.model_copy(update={"send_batch_size": 1, "send_concurrency": 2})
    fake_sendgrid.cue("ok", ("429", 1), "500", "ok")
    waits: list[float] = []
    report = send_issue(store, WEEK, sender_for(settings), settings, sleep=waits.append)
    # Two refusals (in flight together, so one pause), then every batch once.
    assert (report.sent_now, report.requests) == (4, 6) and waits
    assert not fake_sendgrid.record.duplicates()
    seen = {}
    for body in fake_sendgrid.record.bodies:
        text = next(c["value"] for c in body["content"] if c["type"] == "text/plain")
        for p in body["personalizations"]:
            seen[p["to"][0]["email"]] = _titles(text)
    assert seen == {
        "plain@example.com": list(TITLES),
        "video@example.com": [TITLES[1], TITLES[0], TITLES[2]],
        "voice@example.com": [TITLES[1], TITLES[2], TITLES[0]],
        "nomatch@example.com": list(TITLES),
    }
