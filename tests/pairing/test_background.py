"""The background check: two tools that a share of all labelled launches come between by meaning
are not rivals, whatever word the rules matched them on (background.py)."""

import dataclasses

import numpy as np
import pytest

from verdicts.cli.pair import pair_lines
from verdicts.pairing import choose
from verdicts.pairing.background import KIND_NEIGHBOURS, Crowd, background_ranks, near_kinds
from verdicts.pairing.meaning import tool_vectors
from verdicts.resolve import resolve

from .helpers import launch
from .real_launches import CHROMA, F_LITE, GITINGEST, GPT_4O, GROK_3, LE_CHAT, SKYWORK


def _pairs(launches):
    return {frozenset((r["a"], r["b"])) for r in pair_lines(launches)}


def test_rule_pairs_far_apart_by_meaning_are_refused(monkeypatch):
    week = [CHROMA, LE_CHAT]
    assert _pairs(week) == set()
    # The checks are what refuse them: with both off, the rules pair them.
    monkeypatch.setattr(Crowd, "strangers", lambda self, a, b: False)
    assert _pairs(week) == set()
    monkeypatch.setattr(choose, "RULE_APART", 1.0)
    assert _pairs(week) == {frozenset(("lodestones/Chroma1-HD", "Le Chat"))}


def test_rule_pairs_whose_nearest_labelled_kinds_differ_are_refused(monkeypatch):
    # However many launches come between them, an image model whose nearest labelled launches
    # are all image generators is no rival of a chat assistant whose nearest are paper readers,
    # voice recorders and document assistants: no kind is near both.
    monkeypatch.setattr(choose, "RULE_APART", 1.0)
    assert _pairs([CHROMA, LE_CHAT]) == set()


def test_a_refused_tool_still_pairs_with_its_real_rival():
    assert frozenset(("lodestones/Chroma1-HD", "Freepik/F-Lite")) in _pairs(
        [CHROMA, LE_CHAT, F_LITE]
    )


def test_closed_frontier_models_are_not_judged_by_their_launch_copy():
    # "Our most advanced model yet" says nothing a sentence model can place; the job does.
    assert _pairs([GPT_4O, GROK_3]) == {frozenset(("GPT-4o", "Grok 3"))}


def test_two_language_models_keep_the_looser_share(monkeypatch):
    # v23: two phone-size models whose cards a fifth of all labelled launches come between (model
    # cards read alike whatever the model, so the background places them poorly).
    granite = launch(
        "ibm-granite/granite-3.2-2b-instruct",
        "https://huggingface.co/ibm-granite/granite-3.2-2b-instruct",
        "huggingface",
        category="text-generation",
        description="Granite-3.2-2B-Instruct is a 2-billion-parameter, long-context AI model "
        "fine-tuned for thinking capabilities. Built on top of Granite-3.1-2B-Instruct, it has "
        "been trained using a mix of permissively licensed open-source datasets and internally "
        "generated synthetic data designed for reasoning tasks.",
    )
    smol = launch(
        "HuggingFaceTB/SmolLM2-360M-Instruct",
        "https://huggingface.co/HuggingFaceTB/SmolLM2-360M-Instruct",
        "huggingface",
        category="text-generation",
        description="SmolLM2 is a family of compact language models available in three sizes: "
        "135M, 360M, and 1.7B parameters. They are capable of solving a wide range of tasks while "
        "being lightweight enough to run on-device.",
    )
    pair = frozenset(("ibm-granite/granite-3.2-2b-instruct", "HuggingFaceTB/SmolLM2-360M-Instruct"))
    # Two language models are held to their job's share, not to the one other rule pairs meet:
    # with the rule pairs' share at nothing at all, they still pair; held to it, they would not.
    monkeypatch.setattr(choose, "RULE_APART", 0.0)
    assert _pairs([granite, smol]) == {pair}
    held = dataclasses.replace(choose.JOB_BY_KEY["llm"], apart=None)
    monkeypatch.setitem(choose.JOB_BY_KEY, "llm", held)
    assert _pairs([granite, smol]) == set()


@pytest.fixture(scope="module")
def week():
    tools = resolve([SKYWORK, GITINGEST, CHROMA, LE_CHAT, F_LITE])
    vectors = tool_vectors(tools)
    assert vectors is not None, "the sentence model package is not installed"
    return tools, vectors


def test_ranks_are_symmetric_and_count_the_crowd_between(week):
    tools, vectors = week
    ranks, size = background_ranks(tools, vectors)
    assert ranks.shape == (5, 5)
    assert np.array_equal(ranks, ranks.T)
    at = {t.sightings[0].name: i for i, t in enumerate(tools)}
    rivals = ranks[at["lodestones/Chroma1-HD"], at["Freepik/F-Lite"]]
    strangers = ranks[at["lodestones/Chroma1-HD"], at["Le Chat"]]
    assert rivals < 0.1 * size < 0.25 * size < strangers


def test_the_weeks_own_tools_are_not_their_background(week):
    # Chroma1-HD and F-Lite are labelled exemplars too; as this week's tools they compete, so
    # the crowd is smaller than the labelled set by at least those two.
    from verdicts.pairing.exemplars import exemplar_names

    tools, vectors = week
    _, size = background_ranks(tools, vectors)
    assert size <= len(exemplar_names()) - 2


def test_a_launch_too_vague_to_place_is_never_refused():
    vague = resolve([launch("Acme", "https://acme.example", "producthunt", tagline="The future")])
    tools = [*resolve([CHROMA]), *vague]
    crowd = Crowd(tools, tool_vectors(tools))
    assert not crowd.apart(tools[0], tools[1], 0.0)


def test_near_kinds_are_the_labelled_kinds_nearest_each_tool(week):
    tools, vectors = week
    kinds = dict(zip((t.sightings[0].name for t in tools), near_kinds(tools, vectors), strict=True))
    assert all(0 < len(k) <= KIND_NEIGHBOURS for k in kinds.values())
    # Two open image models share a kind among their nearest; an image model and a chat
    # assistant share none.
    assert "image-gen" in kinds["lodestones/Chroma1-HD"] & kinds["Freepik/F-Lite"]
    assert not kinds["lodestones/Chroma1-HD"] & kinds["Le Chat"]
    crowd = Crowd(tools, vectors)
    at = {t.sightings[0].name: t for t in tools}
    assert crowd.strangers(at["lodestones/Chroma1-HD"], at["Le Chat"])
    assert not crowd.strangers(at["lodestones/Chroma1-HD"], at["Freepik/F-Lite"])


def test_a_launch_too_vague_to_place_is_no_stranger():
    vague = resolve([launch("Acme", "https://acme.example", "producthunt", tagline="The future")])
    tools = [*resolve([CHROMA]), *vague]
    crowd = Crowd(tools, tool_vectors(tools))
    assert not crowd.kinds[0] & crowd.kinds[1]
    assert not crowd.strangers(tools[0], tools[1])
