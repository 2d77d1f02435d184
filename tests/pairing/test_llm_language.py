"""Open language models built for one language pair with models for that language or with general
ones, never with a model built for another (model_facts.llm_language, choose._llm_label)."""

import pytest

from verdicts.pairing import compare, profile

from .helpers import tool


def _hf(name: str, tagline: str, card: str):
    return tool(
        name, tagline, card, url=f"https://huggingface.co/{name}", category="text-generation"
    )


# Real model cards from the v45 and v46 labelled weeks.
ALLAM = _hf(
    "ALLaM-AI/ALLaM-7B-Instruct-preview",
    "ALLaM: Arabic Large Language Model",
    "7B Arabic-English model from the Saudi Data and AI Authority (SDAIA), trained from scratch on "
    "4T English tokens followed by 1.2T mixed Arabic/English tokens and instruction-tuned for "
    "Arabic language and culture.",
)
SILMA = _hf(
    "silma-ai/SILMA-9B-Instruct-v1.0",
    "SILMA AI: Arabic-first open-weight LLM",
    "9B Arabic instruction-tuned model built on Google's Gemma 2, focused on practical Arabic "
    "business use and strong Arabic benchmark results for its size.",
)
SEA_LION = _hf(
    "aisingapore/gemma2-9b-cpt-sea-lionv3-instruct",
    "SEA-LION v3: Southeast Asian Languages In One Network",
    "AI Singapore's Gemma 2 9B model continually pre-trained on about 200B tokens across 11 "
    "Southeast Asian languages and instruction-tuned on English and ASEAN-language data.",
)
SEALLM = _hf(
    "SeaLLMs/SeaLLMs-v3-7B-Chat",
    "SeaLLMs-v3 - Large Language Models for Southeast Asia",
    "Qwen2-based 7B chat model from Alibaba DAMO tuned for Southeast Asian languages including "
    "Indonesian, Vietnamese, Thai, Tagalog, Malay, Burmese, Khmer and Lao.",
)
SWALLOW = _hf(
    "tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.3",
    "Llama 3.1 Swallow - Built with Llama",
    "Japanese-enhanced Llama 3.1 8B from Institute of Science Tokyo and AIST, continually "
    "pre-trained on about 200B tokens of Japanese web, Wikipedia and code.",
)
GENERAL = _hf(
    "acme/Polyglot-8B-Instruct",
    "",
    "Polyglot-8B is an open large language model for chat. It supports 29 languages, including "
    "Arabic, Japanese, Korean, Thai and French.",
)


def test_the_one_language_a_card_names_is_read_and_several_are_none():
    assert [profile(t).llm_language for t in (ALLAM, SILMA, SWALLOW)] == [
        "Arabic",
        "Arabic",
        "Japanese",
    ]
    # Thai, Malay and Indonesian are one region; English never counts.
    assert profile(SEALLM).llm_language == profile(SEA_LION).llm_language != ""
    assert profile(GENERAL).llm_language == ""


@pytest.mark.parametrize(
    ("arabic", "southeast_asian"), [(ALLAM, SEA_LION), (SILMA, SEALLM), (ALLAM, SEALLM)]
)
def test_models_built_for_different_languages_are_no_rivals(arabic, southeast_asian):
    # v46: both printed as "both open-weight language models; both 5B to 15B parameters".
    assert compare(arabic, southeast_asian) is None
    assert compare(arabic, SWALLOW) is None


def test_two_models_for_one_language_say_so_and_a_general_model_still_pairs():
    found = compare(ALLAM, SILMA)
    assert found is not None
    assert found[1].startswith("both open-weight language models for Arabic")
    # A model for one language may still be compared with a general one (a labelled rival in
    # tuning: a Polish 11B beside a general 5B).
    assert compare(SEA_LION, GENERAL) is not None
