"""Pairing generalises past the phrasings it was tuned on: brand names never decide a job,
open weights are read from what a launch says, unsure tools ask the labelled exemplars, and
two tools no job fits pair only when they say they are the same thing."""

from verdicts.pairing import choose_pairs, compare, profile
from verdicts.pairing.brands import has_family_name, strip_name, strip_text
from verdicts.pairing.exemplars import guess_job
from verdicts.pairing.roles import roles

from .helpers import tool


def names(pairs):
    return {frozenset((p.a.name, p.b.name)) for p in pairs}


def test_brand_and_family_words_are_stripped_before_the_job_is_scored():
    assert strip_name("Qwen/Qwen3-235B-A22B") == ""
    # What the model does stays, whatever family it belongs to.
    assert strip_name("Qwen/Qwen3-Embedding-8B") == "embedding"
    assert strip_name("gpt-4o-mini-tts") == "tts"
    assert strip_name("meta-llama/Llama-Guard-4-12B") == "guard"
    assert strip_name("Gemini 2.5 Flash Image") == "Flash Image"
    assert strip_name("llama.cpp") == "llama.cpp"  # a family word inside a tool name stays
    assert strip_text("beats GPT-4o and Gemini 2.0 Flash") == "beats and Flash"
    assert has_family_name("Claude Sonnet 4") and not has_family_name("Claude Code")


def test_an_open_weight_model_named_after_a_closed_family_pairs_with_open_models():
    oss = tool("gpt-oss-120b", "Open-weight reasoning model under Apache 2.0")
    glm = tool("GLM-4.5", "", "A 355 billion parameter foundation model for agents. MIT license.")
    closed = tool("Gemini 9 Pro", "Our most intelligent model yet")
    assert not profile(oss).closed_model and profile(closed).closed_model
    assert names(choose_pairs([oss, closed, glm])) == {frozenset({"gpt-oss-120b", "GLM-4.5"})}


def test_a_family_name_loses_to_what_the_tool_says_it_does():
    image = tool("Gemini 9 Flash Image", "Our state-of-the-art image generation and editing model")
    guard = tool(
        "Granite Guardian 9",
        "",
        "A fine-tuned model designed to detect risks in prompts and responses, such as jailbreaks.",
    )
    frontier = tool("Claude Opus 9", "Our best model for coding and agents")
    assert profile(image).job == "image-gen"
    assert profile(guard).job != "llm"
    assert profile(frontier).job == "llm"
    assert compare(image, frontier) is None and compare(guard, frontier) is None


def test_a_parameter_count_never_comes_from_a_context_window():
    model = tool("Gemini 9 Pro", "", "A thinking model with a 1 million token context window.")
    assert profile(model).params_b is None and profile(model).closed_model


def test_an_exemplar_never_votes_for_its_own_tool():
    # "Pinecone" is a vector-db exemplar: under its own name it must be judged by the others.
    text = "The vector database to build knowledgeable AI"
    as_itself = guess_job(tool("Pinecone", text))
    assert as_itself.similarity < 1.0
    assert guess_job(tool("Anon", text)).similarity > as_itself.similarity


def test_the_exemplars_decide_a_tool_the_rules_are_unsure_of():
    unsure = tool("Anon", "Serverless search on object storage", "Query billions of embeddings.")
    assert max((s for _, s in profile(unsure).jobs), default=0.0) < 2.4
    assert profile(unsure).job == "vector-db"
    assert profile(unsure).job_source == "exemplars"


def test_tools_no_job_fits_pair_when_they_say_they_are_the_same_thing():
    # No job (and no exemplar) knows tattoo stencils: the tools' own words pair them.
    a = tool("Inkly", "The magic tattoo stencil maker and designer")
    b = tool("Stencilr", "Free and open source tattoo stencil maker for Linux, macOS and Windows")
    c = tool("Notely", "Sharpen your thinking", "Plain Markdown notes with links and plugins.")
    assert profile(a).job == profile(b).job == profile(c).job == ""
    (pair,) = choose_pairs([a, c, b])
    assert {pair.a.name, pair.b.name} == {"Inkly", "Stencilr"}
    assert pair.reason.startswith("both stencil makers")


def test_generic_ai_words_alone_never_pair_two_unknown_tools():
    a = tool("Teamly", "The AI-powered platform for modern teams to work faster")
    b = tool("Bizzy", "AI-powered platform that helps modern teams work smarter")
    assert choose_pairs([a, b]) == []


def test_the_role_is_what_a_launch_says_the_tool_is_not_its_topic():
    assert roles(tool("Upsly", "Free and open source AI image upscaler for Linux"))[:2] == (
        "upscaler",
        "image upscaler",
    )
    assert roles(tool("Upsly", "The magic image upscaler & enhancer"))[:2] == (
        "upscaler",
        "image upscaler",
    )
    # A weak head ("app", "model") gives way to the word before it.
    assert roles(tool("Mailo", "", "Mailo is an email app for teams.")) == ("email", "email app")
    # A tagline that opens with a verb says what the tool does, not what it is.
    assert roles(tool("Doer", "Turn your notes into flashcards")) == ()


def test_two_tools_that_say_they_are_the_same_rare_thing_pair_by_role():
    a = tool("Glyphy", "", "Glyphy is a handwriting font generator for designers and brands.")
    b = tool("Scriptr", "The handwriting font generator", "Upload a sample, get an OTF font.")
    c = tool("Taskr", "", "Taskr is a to-do list for families with shared chores.")
    assert profile(a).roles[:2] == profile(b).roles[:2] == ("generator", "font generator")
    (pair,) = choose_pairs([a, c, b])
    assert {pair.a.name, pair.b.name} == {"Glyphy", "Scriptr"}
    assert pair.reason.startswith("both font generators")
