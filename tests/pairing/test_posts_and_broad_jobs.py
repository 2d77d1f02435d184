"""Two ways a rule matches words rather than a job: a Hacker News post about language models is
not a language model, and "local and self-hosted model runners" names several jobs at once (an
inference server, an LLM CLI, a GPU cluster manager), so its rule pairs need the crowd's word."""

import dataclasses

from verdicts.cli.pair import pair_lines
from verdicts.pairing import choose, model_facts, profile
from verdicts.pairing.background import Crowd
from verdicts.resolve import resolve

from .helpers import launch, unlabelled_pairs

# Real Hacker News posts (the v26 labelled week): both were paired as "frontier models from the
# big labs".
LLM_VIZ = launch(
    "LLM Visualization",
    "https://bbycroft.net/llm",
    "hackernews",
    description="A 3D animated visualization of a GPT-style large language model, walking "
    "through every step of inference for a small nano-GPT model: embeddings, layer norm, "
    "self-attention, the MLP and the softmax, with the full-size GPT-2 and GPT-3 shown for scale.",
)
LLMS_TXT = launch(
    "The /llms.txt file – a proposal to help language models use websites",
    "https://llmstxt.org",
    "hackernews",
    description="We propose adding a /llms.txt markdown file to websites to provide LLM-friendly "
    "content: a brief background, guidance and links to detailed markdown files, so that "
    "language models can use a site's information at inference time without parsing complex HTML.",
)


def test_a_post_about_language_models_is_not_a_model_release():
    for tool in resolve([LLM_VIZ, LLMS_TXT]):
        assert profile(tool).job != "llm", tool.name
    assert not any("frontier" in r["reason"] for r in pair_lines([LLM_VIZ, LLMS_TXT]))
    # A post that names a size, or releases weights, still is one.
    sized = launch(
        "Show HN: Pico-1.1B",
        "https://example.org/pico",
        "hackernews",
        description="We trained a 1.1B parameter language model for chat and release the weights.",
    )
    assert profile(resolve([sized])[0]).job == "llm"


def test_a_number_in_a_posts_title_is_not_a_version():
    # v31: a tutorial was paired with Gemini 2.5 Deep Think as "frontier models from the big labs".
    tutorial = launch(
        "GPT in 60 Lines of NumPy", "https://jaykmody.com/blog/gpt-from-scratch/", "hackernews"
    )
    deep_think = launch(
        "Gemini 2.5 Deep Think",
        "https://blog.google/products/gemini/gemini-2-5-deep-think/",
        "hackernews",
        description="Google's parallel-thinking reasoning mode for Gemini 2.5, now available to "
        "Google AI Ultra subscribers in the Gemini app.",
    )
    assert profile(resolve([tutorial])[0]).job != "llm"
    assert pair_lines([tutorial, deep_think]) == []
    # A version, a model number or a size in the title still names a release.
    for title in ("Grok-2 Beta Release", "Llama 4 is here", "Claude 3.5 Sonnet", "A new 7B model"):
        assert model_facts._VERSIONED.search(title), title


# Real GitHub launches (the v7, v15 and v26 labelled weeks).
LLM_CLI = launch(
    "simonw/llm",
    "https://github.com/simonw/llm",
    "github",
    tagline="Access large language models from the command-line",
    description="A CLI tool and Python library for interacting with OpenAI, Anthropic's Claude, "
    "Google's Gemini, Meta's Llama and dozens of other Large Language Models, both via remote "
    "APIs and with models that can be installed and run on your own machine.",
)
GPUSTACK = launch(
    "gpustack/gpustack",
    "https://github.com/gpustack/gpustack",
    "github",
    tagline="Simple, scalable AI model deployment on GPU clusters",
    description="GPUStack is an open-source GPU cluster manager for running AI models.",
)
LIGHTLLM = launch(
    "ModelTC/lightllm",
    "https://github.com/ModelTC/lightllm",
    "github",
    description="LightLLM is a Python-based LLM (Large Language Model) inference and serving "
    "framework, notable for its lightweight design, easy scalability, and high-speed performance.",
)
APHRODITE = launch(
    "aphrodite-engine/aphrodite-engine",
    "https://github.com/aphrodite-engine/aphrodite-engine",
    "github",
    description="Large-scale LLM inference engine",
)


# Real launches (labelled tuning weeks): a serving system for data centres and an app that runs
# models on a phone. The rules call both "model runners".
FASTGEN = launch(
    "DeepSpeed-FastGen: High-throughput text generation for LLMs",
    "https://github.com/microsoft/DeepSpeed/tree/master/blogs/deepspeed-fastgen",
    "hackernews",
    description="Serving system built on DeepSpeed-MII and DeepSpeed-Inference with Dynamic "
    "SplitFuse, claiming up to 2.3x higher effective throughput than vLLM.",
)
LOCALLY_AI = launch(
    "Locally AI",
    "https://locallyai.app/",
    "producthunt",
    tagline="Run AI models offline on your iPhone and Mac",
    category="iOS",
)


def test_a_broad_job_pairs_only_what_the_crowd_also_puts_together():
    assert unlabelled_pairs([LIGHTLLM, APHRODITE]) == {frozenset((LIGHTLLM.name, APHRODITE.name))}
    # A serving system for data centres and a phone app are not rivals: an eighth of every
    # labelled launch comes between them. (A runtime inside the browser and a GPU cluster manager
    # were the example until the v47 and v48 fold brought them under the job's 8%.)
    assert unlabelled_pairs([FASTGEN, LOCALLY_AI]) == set()
    # Nor is a CLI for many models a runner's rival: its nearest labelled launches split between
    # runners and CLIs, so no job is sure enough to pair it.
    assert unlabelled_pairs([LLM_CLI, GPUSTACK]) == set()


def test_without_the_crowd_the_broad_job_pairs_them(monkeypatch):
    # The guard above is what refuses the pair, not the rules themselves (the share every rule
    # pair meets is lifted too: it is the job's own, tighter one under test).
    runners = dataclasses.replace(choose.JOB_BY_KEY["inference"], apart=None)
    monkeypatch.setitem(choose.JOB_BY_KEY, "inference", runners)
    monkeypatch.setattr(choose, "RULE_APART", 1.0)
    monkeypatch.setattr(Crowd, "strangers", lambda self, a, b: False)
    assert unlabelled_pairs([FASTGEN, LOCALLY_AI]) == {frozenset((FASTGEN.name, LOCALLY_AI.name))}
