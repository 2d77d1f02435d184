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
