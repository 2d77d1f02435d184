"""Open language models pair with their own specialty: a code model, a vision-language model,
a speech model or a diffusion LM is not a general chat model's rival, whatever its size."""

import pytest

from verdicts.pairing import compare, profile

from .helpers import tool


def _hf(name: str, card: str):
    return tool(name, "", card, url=f"https://huggingface.co/{name}", category="text-generation")


CHAT = _hf(
    "acme/Chatty-7B-Instruct",
    "Chatty-7B is an instruction-tuned language model for chat and reasoning.",
)
CHAT_TOO = _hf(
    "beta/Talker-8B",
    "Talker is an open large language model for dialogue, released under Apache 2.0.",
)
CODER = _hf(
    "acme/Chatty-Coder-7B",
    "Chatty-Coder is an open code language model trained on 80 programming languages.",
)
CODER_TOO = _hf(
    "gamma/Codewright-6B", "Codewright is an open code language model for completion and repair."
)
VLM = _hf(
    "delta/Seer-8B",
    "Seer-8B is an open large language model of 8B parameters plus a 400M parameter vision encoder.",
)
OMNI = _hf(
    "eps/Mini-Omni-7B",
    "An open multimodal large language model that can hear, talk while thinking.",
)
DIFFUSION = _hf("zeta/Dream-7B", "Dream 7B is a diffusion large language model.")
MULTIMODAL_GENERAL = _hf("eta/Polyglot-8B", "Polyglot is a natively multimodal open language model for chat.")  # fmt: skip


def test_two_general_models_and_two_code_models_pair():
    assert compare(CHAT, CHAT_TOO) is not None
    assert compare(CODER, CODER_TOO) is not None


@pytest.mark.parametrize("special", [CODER, VLM, OMNI, DIFFUSION], ids=lambda t: t.name)
def test_a_specialised_model_never_pairs_with_a_general_one(special):
    assert compare(CHAT, special) is None


def test_saying_multimodal_does_not_make_a_general_model_special():
    # Llama 4 and Gemma 3 call themselves multimodal; they are still general chat models.
    assert compare(CHAT, MULTIMODAL_GENERAL) is not None


IMAGE_UNDER_HF_TAG = tool(
    "theta/Pictor-6B",
    "",
    "Pictor is a 6B parameter foundation model built on a large language model backbone.",
    url="https://huggingface.co/theta/Pictor-6B",
    category="text-to-image",
)
CLI_ON_GITHUB = tool(
    "someone/shellmate",
    "A command-line productivity tool powered by large language models",
    "Shellmate brings large language models to your terminal: ask, generate shell commands, chat.",
    url="https://github.com/someone/shellmate",
)
WEIGHTS_ON_GITHUB = tool(
    "lab/OpenChat-7B",
    "",
    "We release the weights of OpenChat, an open large language model for chat.",
    url="https://github.com/lab/OpenChat-7B",
)


def test_a_language_model_is_a_model_release():
    # A Hugging Face model filed under another pipeline tag is judged by that tag's job, and a
    # GitHub tool that talks about language models is a tool around them: neither is a chat
    # model's rival, whatever their text says.
    for other in (IMAGE_UNDER_HF_TAG, CLI_ON_GITHUB):
        assert profile(other).job != "llm", other.name
        assert compare(CHAT, other) is None
    # A GitHub repository that publishes weights is a model release.
    assert profile(WEIGHTS_ON_GITHUB).job == "llm"
    assert compare(CHAT, WEIGHTS_ON_GITHUB) is not None


def test_the_exemplars_cannot_make_a_tool_a_language_model_either():
    # Its words are close to the labelled language models, so their vote would call it one.
    cli = tool(
        "someone/chatkit-cli",
        "Talk to large language models from your terminal",
        "An instruction-tuned chat model experience in your shell: reasoning, long context "
        "window, function calling, for GPT-4o, Claude and Llama.",
        url="https://github.com/someone/chatkit-cli",
    )
    assert profile(cli).job != "llm"
    assert compare(CHAT, cli) is None


# Real model cards (the v15 and v19 labelled weeks): a model named for code, and one whose card
# calls it a "coding LLM", are code models whatever the card says first.
CODE_BY_NAME = _hf(
    "nvidia/OpenCodeReasoning-Nemotron-14B",
    "OpenCodeReasoning-Nemotron-14B is a large language model (LLM) which is a derivative of "
    "Qwen2.5-14B-Instruct (AKA the reference model). It is a reasoning model that is post-trained "
    "for reasoning for code generation.",
)
CODING_LLM = _hf(
    "moonshotai/Kimi-Dev-72B",
    "We introduce Kimi-Dev-72B, our new open-source coding LLM for software engineering tasks.",
)
GENERAL_14B = _hf("iota/Plain-14B", "Plain-14B is an open large language model for chat.")


def test_a_model_named_or_described_as_for_code_is_a_code_model():
    assert profile(CODE_BY_NAME).llm_specialty == "code"
    assert profile(CODING_LLM).llm_specialty == "code"
    assert compare(CODE_BY_NAME, CODING_LLM) is not None
    assert compare(CODE_BY_NAME, GENERAL_14B) is None
    # Words that merely contain the letters are not code ("Decoder", "Encoder-Decoder").
    assert profile(_hf("kappa/Decoder-Only-14B", "An open language model.")).llm_specialty == ""


def test_a_model_that_runs_on_a_phone_is_judged_against_its_size_class():
    small = _hf("lambda/Tiny-3B", "Tiny-3B is an open language model for chat.")
    small_too = _hf("mu/Little-1.7B", "Little is an open language model for chat.")
    assert compare(small, small_too) is not None
    assert compare(small, GENERAL_14B) is None
    # Above it, neighbouring sizes still compete (a 14B with a 32B).
    assert compare(GENERAL_14B, _hf("nu/Broad-32B", "An open language model for chat.")) is not None


def test_specialists_compete_across_the_phone_size_line():
    # Code models are few in a week: a 4B code model is a 7B one's rival (the v21 labelled week).
    mellum = _hf("JetBrains/Mellum-4b-base", "Mellum is a 4B code language model for completion.")
    coder_7b = _hf("acme/Chatty-Coder-7B", "An open code language model, 7B parameters.")
    assert compare(mellum, coder_7b) is not None
