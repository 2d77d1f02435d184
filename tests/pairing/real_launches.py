"""Real launches, as their sources showed them, for tests of pairing's judgement."""

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

# Real launches (the v17 and v19 labelled weeks) whose rule jobs match one word each: a
# humanizer is a "writing assistant" and an "AI detector", a semantic cache an "LLM cost tool".
# Each is nearer its twin than almost any labelled launch is.
UNDETECTABLE = launch(
    "Undetectable AI",
    "https://undetectable.ai",
    "producthunt",
    tagline="Make your AI-written content sound human",
    description="Undetectable AI's humanizer rewrites text from ChatGPT, Claude and other AI "
    "writers so it reads naturally and passes popular AI detectors. Paste your draft, pick a "
    "purpose and readability level, and get human-sounding content in seconds.",
    category="Writing",
)
STEALTHGPT = launch(
    "StealthGPT",
    "https://www.stealthgpt.ai",
    "producthunt",
    tagline="The undetectable AI writer and humanizer",
    description="StealthGPT writes and rewrites essays, articles and emails so they read like a "
    "person wrote them and slip past AI detection. Drop in your AI text, choose a tone, and get "
    "undetectable content in seconds.",
    category="Writing",
)
JENNI = launch(
    "Jenni AI",
    "https://jenni.ai",
    "producthunt",
    tagline="Supercharge your next research paper",
    description="Jenni is the AI-powered writing assistant for academics. It autocompletes as "
    "you write, finds and cites sources in APA, MLA, IEEE and more, and lets you chat with your "
    "PDFs so you can draft papers faster.",
    category="Writing",
)
GPTCACHE = launch(
    "zilliztech/GPTCache",
    "https://github.com/zilliztech/GPTCache",
    "github",
    tagline="Semantic cache for LLMs. Fully integrated with LangChain and llama_index.",
    description="GPTCache is a library for creating semantic cache for LLM queries. Slash your "
    "LLM API costs by 10x 💰, boost speed by 100x ⚡ by caching answers to semantically similar "
    "questions instead of only exact matches.",
)
LANGCACHE = launch(
    "Redis LangCache",
    "https://redis.io/langcache/",
    "vendor",
    tagline="Fully managed semantic caching for AI apps and agents",
    description="LangCache is a fully managed semantic caching service from Redis that stores "
    "and reuses LLM responses for repeated and similar prompts. Call it through a REST API to "
    "cut LLM costs and response times, with built-in embeddings and no database to run yourself.",
)
CEKURA = launch(
    "Launch HN: Cekura (YC F24) – Testing and monitoring for voice and chat AI agents",
    "https://www.cekura.ai",
    "hackernews",
    description="Hey HN! Cekura helps teams ship reliable conversational agents. We simulate "
    "thousands of realistic conversations with different personas, accents and edge cases "
    "against your voice or chat agent, then monitor production calls for failures, latency and "
    "instruction-following issues.",
)
# Launches that say one job word each (Product Hunt, no description).
TAPLIO = launch(
    "Taplio",
    "https://taplio.com",
    "producthunt",
    tagline="The all-in-one, AI-powered LinkedIn tool",
    category="Social Media",
)
SUPERGROW = launch(
    "Supergrow",
    "https://www.supergrow.ai",
    "producthunt",
    tagline="Create LinkedIn posts 10x faster with AI",
    category="Marketing",
)

# Real Product Hunt launches (the demo week's feed, 2026-07-13): a closed frontier model's
# launch copy shares one word with an intelligence agent's.
GPT_5_6 = launch(
    "GPT-5.6",
    "https://www.producthunt.com/products/openai",
    "producthunt",
    tagline="A new standard for intelligence and efficiency",
)
MUSE_SPARK = launch(
    "Muse Spark 1.1 by Meta AI",
    "https://www.producthunt.com/products/muse-spark-1-1-by-meta",
    "producthunt",
    tagline="Multimodal reasoning model built for agentic tasks",
)
GLIMPSE = launch(
    "Glimpse",
    "https://www.producthunt.com/products/glimpse-17",
    "producthunt",
    tagline="The competitive intelligence agent",
)
