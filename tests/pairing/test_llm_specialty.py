"""Open language models pair with their own specialty: a code model, a vision-language model,
a speech model or a diffusion LM is not a general chat model's rival, whatever its size."""

import pytest

from verdicts.pairing import compare

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
