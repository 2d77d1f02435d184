"""The background check: two tools that a share of all labelled launches come between by meaning
are not rivals, whatever word the rules matched them on (background.py)."""

import numpy as np
import pytest

from verdicts.cli.pair import pair_lines
from verdicts.pairing import choose
from verdicts.pairing.background import Crowd, background_ranks
from verdicts.pairing.meaning import tool_vectors
from verdicts.resolve import resolve

from .helpers import launch

# Real launches (the v16 labelled week): a code-agent model and a repo-to-prompt CLI are both
# "AI coding agents" to the rules; an open image model and a chat assistant that "generates
# images" are both "AI image generators". Neither is a comparison an editor would run.
SKYWORK = launch(
    "Skywork/Skywork-SWE-32B",
    "https://huggingface.co/Skywork/Skywork-SWE-32B",
    "huggingface",
    description="Skywork-SWE-32B is a code agent model developed by Skywork AI, specifically "
    "designed for software engineering (SWE) tasks. Skywork-SWE-32B attains 38.0% pass@1 "
    "accuracy on the SWE-bench Verified benchmark.",
    category="text-generation",
)
GITINGEST = launch(
    "coderamp-labs/gitingest",
    "https://github.com/coderamp-labs/gitingest",
    "github",
    tagline="Replace 'hub' with 'ingest' in any GitHub URL to get a prompt-friendly extract of "
    "a codebase",
    description="Turn any Git repository into a prompt-friendly text ingest for LLMs.",
)
CHROMA = launch(
    "lodestones/Chroma1-HD",
    "https://huggingface.co/lodestones/Chroma1-HD",
    "huggingface",
    description="Chroma1-HD is an 8.9B parameter text-to-image foundational model based on "
    "FLUX.1-schnell. It is fully Apache 2.0 licensed, ensuring that anyone can use, modify, and "
    "build upon it.",
    category="text-to-image",
)
LE_CHAT = launch(
    "Le Chat",
    "https://chat.mistral.ai",
    "vendor",
    description="Le Chat is your AI assistant for life and work. Search the web, analyze "
    "documents, generate images and get things done.",
)
F_LITE = launch(
    "Freepik/F-Lite",
    "https://huggingface.co/Freepik/F-Lite",
    "huggingface",
    description="F Lite is a 10B parameter diffusion model created by Freepik and Fal, trained "
    "exclusively on copyright-safe and SFW content.",
    category="text-to-image",
)
GPT_4O = launch(
    "GPT-4o",
    "https://openai.com/index/hello-gpt-4o/",
    "vendor",
    description="Hello GPT-4o. Our new flagship model can reason across audio, vision, and text "
    "in real time.",
)
GROK_3 = launch(
    "Grok 3",
    "https://x.ai/news/grok-3",
    "vendor",
    description="Grok 3 Beta — The Age of Reasoning Agents. Our most advanced model yet, trained "
    "on the Colossus supercluster with 10x the compute of previous state-of-the-art models.",
)


def _pairs(launches):
    return {frozenset((r["a"], r["b"])) for r in pair_lines(launches)}


def test_rule_pairs_far_apart_by_meaning_are_refused(monkeypatch):
    week = [SKYWORK, GITINGEST, CHROMA, LE_CHAT]
    assert _pairs(week) == set()
    # The check is what refuses them: with it off, the rules pair both.
    monkeypatch.setattr(choose, "RULE_APART", 1.0)
    assert _pairs(week) == {
        frozenset(("Skywork/Skywork-SWE-32B", "coderamp-labs/gitingest")),
        frozenset(("lodestones/Chroma1-HD", "Le Chat")),
    }


def test_a_refused_tool_still_pairs_with_its_real_rival():
    assert frozenset(("lodestones/Chroma1-HD", "Freepik/F-Lite")) in _pairs(
        [CHROMA, LE_CHAT, F_LITE]
    )


def test_closed_frontier_models_are_not_judged_by_their_launch_copy():
    # "Our most advanced model yet" says nothing a sentence model can place; the job does.
    assert _pairs([GPT_4O, GROK_3]) == {frozenset(("GPT-4o", "Grok 3"))}


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
    assert rivals < 0.05 * size < 0.25 * size < strangers


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
