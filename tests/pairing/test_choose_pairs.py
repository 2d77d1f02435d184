from verdicts.models import pair_key
from verdicts.pairing import choose_pairs, compare, explain

from .helpers import tool

CHATCUT = tool(
    "ChatCut", "Your AI video editor in ChatGPT, desktop, and web", category="Developer Tools"
)
FABLECUT = tool(
    "FableCut", "A browser video editor AI agents can drive (zero deps)", category="Video"
)
YASMINE = tool("Yasmine Works", "An AI coworker that lives in your Slack to get work done")
SCARLETT = tool("Scarlett.", "Your AI Co-Worker in Slack & iMessage")
SMOL = tool(
    "SmolLM3",
    "3B open-source model that punches above its weight class",
    "SmolLM3 is a 3-billion parameter open-source language model from Hugging Face, released under Apache 2.0.",
)
PHI = tool("Phi-4-mini", "3.8B parameter open-weight language model from Microsoft, MIT licence")
GPT = tool(
    "GPT-5.6", "A new standard for intelligence and efficiency", category="Artificial Intelligence"
)
MUSE = tool(
    "Muse Spark 1.1", "Multimodal reasoning model built for agentic tasks", vendor="Meta AI"
)
# Same vague source category, different jobs: these must never be paired.
TAILMUX = tool(
    "TailMux",
    "Multiple Tailscale tailnets at once, no switching + no VM",
    category="Developer Tools",
)
MARKED = tool("Marked QL", "Instant markdown previews in Finder", category="Developer Tools")
PINECONE = tool("Pinecone", "The vector database for AI applications", is_new=False)
QDRANT = tool("Qdrant", "Open-source vector search engine and vector database written in Rust")


def names(pairs):
    return {frozenset((p.a.name, p.b.name)) for p in pairs}


def test_tools_doing_the_same_job_pair_with_a_reason_naming_it():
    pairs = choose_pairs([CHATCUT, YASMINE, FABLECUT, SCARLETT])
    assert names(pairs) == {
        frozenset({"ChatCut", "FableCut"}),
        frozenset({"Yasmine Works", "Scarlett."}),
    }
    by_first = {p.a.name: p for p in pairs}
    assert "video editors" in by_first["ChatCut"].reason
    assert "Slack" in by_first["Yasmine Works"].reason
    assert all(0 <= p.score <= 1 for p in pairs)


def test_small_open_models_pair_with_size_and_licence_in_the_reason():
    (pair,) = choose_pairs([SMOL, PHI])
    assert pair.reason.startswith("both open-weight language models under 4B parameters")


def test_open_small_models_and_closed_frontier_models_do_not_mix():
    pairs = choose_pairs([SMOL, GPT, PHI, MUSE])
    assert names(pairs) == {
        frozenset({"SmolLM3", "Phi-4-mini"}),
        frozenset({"GPT-5.6", "Muse Spark 1.1"}),
    }


def test_a_shared_vague_category_is_not_a_reason_to_pair():
    assert choose_pairs([TAILMUX, MARKED]) == []
    assert compare(TAILMUX, MARKED) is None
    assert compare(CHATCUT, TAILMUX) is None


def test_a_tool_without_a_partner_stays_unpaired():
    pairs = choose_pairs([CHATCUT, FABLECUT, YASMINE])
    assert names(pairs) == {frozenset({"ChatCut", "FableCut"})}


def test_each_tool_appears_in_at_most_one_pair():
    third_editor = tool(
        "Descript", "Edit videos and podcasts by editing the transcript; AI video editor"
    )
    pairs = choose_pairs([CHATCUT, FABLECUT, third_editor])
    assert len(pairs) == 1
    seen = [p.a.key for p in pairs] + [p.b.key for p in pairs]
    assert len(seen) == len(set(seen))


def test_catalog_tools_partner_new_ones_but_never_pair_among_themselves():
    weaviate = tool("Weaviate", "Open-source vector database", is_new=False)
    assert choose_pairs([], [PINECONE, weaviate]) == []
    (pair,) = choose_pairs([QDRANT], [PINECONE, weaviate])
    assert pair.a.name == "Qdrant"  # the new tool leads
    assert pair.b.name in {"Pinecone", "Weaviate"}


def test_recently_shown_pairs_are_excluded():
    shown = pair_key(CHATCUT.key, FABLECUT.key)
    assert choose_pairs([CHATCUT, FABLECUT], exclude={shown}) == []


def test_pinned_pairs_come_first_even_without_a_shared_job():
    pairs = choose_pairs(
        [CHATCUT, FABLECUT, TAILMUX, MARKED], pinned=[(TAILMUX.key, MARKED.key)], limit=1
    )
    assert len(pairs) == 1
    assert pairs[0].pinned
    assert {pairs[0].a.name, pairs[0].b.name} == {"TailMux", "Marked QL"}
    assert explain(pairs[0]) == "pinned by the editor"


def test_a_pinned_tool_is_not_reused_and_unknown_pins_are_skipped():
    tools = [CHATCUT, FABLECUT, YASMINE, SCARLETT, SMOL, PHI]
    pairs = choose_pairs(tools, pinned=[(CHATCUT.key, YASMINE.key), ("nope", "nah")])
    assert [p.pinned for p in pairs] == [True, False]
    assert names(pairs) == {
        frozenset({"ChatCut", "Yasmine Works"}),
        frozenset({"SmolLM3", "Phi-4-mini"}),
    }


def test_limit_keeps_the_best_scoring_pairs():
    everything = choose_pairs([CHATCUT, FABLECUT, YASMINE, SCARLETT, SMOL, PHI])
    limited = choose_pairs([CHATCUT, FABLECUT, YASMINE, SCARLETT, SMOL, PHI], limit=2)
    assert len(everything) == 3
    assert [p.key for p in limited] == [p.key for p in everything[:2]]
    assert everything[0].score >= everything[1].score >= everything[2].score


def test_same_input_gives_the_same_pairs():
    tools = [CHATCUT, FABLECUT, YASMINE, SCARLETT, SMOL, PHI, GPT, MUSE]
    assert [p.key for p in choose_pairs(tools)] == [p.key for p in choose_pairs(list(tools))]


def test_dictation_apps_and_speech_recognition_apis_are_different_jobs():
    lispr = tool("Lispr", "Hold a key, speak, and Lispr writes it anywhere")
    wispr = tool("Wispr Flow", "Effortless voice dictation in every application")
    deepgram = tool(
        "Deepgram",
        "Speech-to-text API",
        "Nova models transcribe real-time and recorded audio via a developer API.",
    )
    whisper = tool("Whisper", "Robust speech recognition via large-scale weak supervision")
    pairs = choose_pairs([lispr, deepgram, wispr, whisper])
    assert names(pairs) == {frozenset({"Lispr", "Wispr Flow"}), frozenset({"Deepgram", "Whisper"})}


def test_a_speech_model_with_a_parameter_count_is_not_a_language_model():
    dia = tool("Dia", "", "Dia is a 1.6B parameter text to speech model created by Nari Labs.")
    orpheus = tool(
        "Orpheus TTS", "Towards human-sounding speech", "An open-source text-to-speech system."
    )
    (pair,) = choose_pairs([dia, SMOL, orpheus])
    assert {pair.a.name, pair.b.name} == {"Dia", "Orpheus TTS"}
