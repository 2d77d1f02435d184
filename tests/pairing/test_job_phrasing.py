"""Jobs are recognised from the many ways launch sources phrase them, and a feature named in
passing ("a canvas with agent memory") is not taken for the tool's job."""

import pytest

from verdicts.pairing import choose_pairs, profile

from .helpers import tool


def job(name: str, tagline: str = "", description: str = "") -> str:
    return profile(tool(name, tagline, description)).job


@pytest.mark.parametrize(
    ("expected", "tagline", "description"),
    [
        ("vector-db", "", "Vexa is an embedding database: keep embeddings next to their metadata."),
        ("inference", "A fast serving framework for large language models", ""),
        ("agent-framework", "Framework for orchestrating teams of autonomous AI agents", ""),
        ("agent-framework", "", "A framework for creating multi-agent AI applications."),
        ("coding-agent", "An AI agent that works right from your terminal", ""),
        ("coding-agent", "", "It reads, modifies and runs code on your machine."),
        ("video-gen", "", "Turns photos and text into 4K videos with natural motion."),
        ("app-builder", "", "Describe an app and it generates React code ready to deploy."),
        ("web-data", "Turn any URL into LLM-friendly markdown", ""),
        ("meeting-notes", "", "Record, transcribe and summarize meetings automatically."),
        ("computer-use", "", "It goes to the web to do chores, filling forms and booking tables."),
        ("ai-security", "The security toolkit for LLM apps", ""),
        ("music-gen", "Compose original songs in seconds", ""),
        # Kinds that used to fall into a neighbouring job now have their own.
        ("video-dubbing", "Localise and dub any video into 40 languages", ""),
        ("pdf-chat", "", "Docsy lets you chat with your PDFs and get cited answers."),
        ("stem-separation", "Split any track into vocals, drums and bass stems", ""),
        ("clinical-scribe", "The ambient AI scribe for busy physicians", ""),
        ("text-to-sql", "", "Ask your warehouse in plain English: natural language to SQL."),
        ("ai-headshot", "Studio-grade LinkedIn headshots from ten selfies", ""),
    ],
)
def test_a_job_is_recognised_across_phrasings(expected, tagline, description):
    assert job("Anon", tagline, description) == expected


def test_a_tool_with_a_memory_feature_is_not_a_memory_layer():
    canvas = tool("Canvasly", "Scale your ideas on an editable canvas with agent memory")
    memory = tool("Recall Cloud", "AI memory that connects the dots across every tool")
    layer = tool("Mnemo", "Universal memory layer for AI agents")
    assert profile(canvas).job == ""
    assert {frozenset((p.a.name, p.b.name)) for p in choose_pairs([canvas, memory, layer])} == {
        frozenset({"Recall Cloud", "Mnemo"})
    }


def test_a_video_generator_with_avatars_is_compared_as_an_avatar_tool():
    avatar = tool("Facecast", "AI video generator with lifelike avatars", "Scripts to videos.")
    presenter = tool("Presenta", "", "Create training videos with AI avatars, no camera needed.")
    clip = tool("Clipmint", "", "Clipmint generates short videos from text prompts.")
    assert profile(avatar).job == profile(presenter).job == "avatar-video"
    assert profile(clip).job == "video-gen"
    (pair,) = choose_pairs([avatar, clip, presenter])
    assert {pair.a.name, pair.b.name} == {"Facecast", "Presenta"}


def test_a_backend_for_coding_agents_is_not_a_coding_agent():
    backend = tool(
        "Forgebase",
        "Open-source backend platform for agentic coding. Gives your coding agent database, "
        "auth, storage and hosting.",
    )
    agent = tool("Termy", "Coding agent that runs in your terminal")
    assert profile(backend).job == "backend"
    assert choose_pairs([backend, agent]) == []
