"""Every saved snapshot parses into the right number of items with the right sample values."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from scrapers import registry
from scrapers.directories import parse_taaft
from verdicts.models import Launch

PDT = timezone(timedelta(hours=-7))

# (registry name, file, item count, index of the sample item, fields the sample must have)
CASES = [
    ("hn-algolia", "hackernews/algolia_search_show_hn_points50_2026-07-13.json", 30, 3,
     {"name": "Microsoft releases Flint", "tagline": "a visualization language for AI agents",
      "url": "https://microsoft.github.io/flint-chart/", "external_id": "48834924", "score": 347,
      "launched_at": datetime(2026, 7, 8, 17, 46, 12, tzinfo=UTC), "tags": ("show_hn",),
      "discussion_url": "https://news.ycombinator.com/item?id=48834924"}),
    ("hn-algolia", "hackernews/algolia_search_by_date_query-AI_tags-story_points20_2026-08.json",
     50, -1, {"name": "Ask HN: How do you keep up with HN these days?", "score": 89,
              "url": "https://news.ycombinator.com/item?id=49308059", "tags": ("ask_hn",)}),
    ("hn-algolia", "hackernews/algolia_search_by_date_tags-story_hits3_2026-04-25.json", 3, -1,
     {"name": "OpenAI CEO apologizes to Tumbler Ridge community", "external_id": "47903195",
      "launched_at": datetime(2026, 4, 25, 17, 49, 31, tzinfo=UTC), "score": 1}),
    ("hn-html", "hackernews/news_ycombinator_com_frontpage_2026-04-26.html", 30, 0,
     {"name": "The West Forgot How to Make Things. Now It's Forgetting How to Code",
      "url": "https://techtrenches.dev/p/the-west-forgot-how-to-make-things",
      "external_id": "47907879", "score": 284,
      "launched_at": datetime(2026, 4, 26, 6, 24, 42, tzinfo=UTC)}),
    ("producthunt-feed", "producthunt/feed_atom_2026-07-13.xml", 50, 0,
     {"name": "Simba Voice Agents", "external_id": "1191340",
      "tagline": "Voice agents powered by Simba 3.2 the world's #1 voice model",
      "url": "https://www.producthunt.com/products/speechify",
      "launched_at": datetime(2026, 7, 8, 10, 33, 4, tzinfo=PDT)}),
    ("producthunt-api", "producthunt/graphql_v2_posts_nodes_snapshot_2025-06-15.json", 20, 0,
     {"name": "Comet Browser by Perplexity", "external_id": "910632", "score": 362,
      "tagline": "A browser for agentic search by Perplexity",
      "url": "https://www.producthunt.com/posts/comet-browser-by-perplexity",
      "category": "Artificial Intelligence", "tags": ("Artificial Intelligence", "Bots", "Search"),
      "launched_at": datetime(2025, 6, 15, 7, 1, tzinfo=UTC)}),
    ("producthunt-api", "producthunt/graphql_v2_posts_nodes_snapshot_2025-05-04.json", 20, 0,
     {"name": "Achiva", "external_id": "960367", "score": 85, "category": "Lifestyle"}),
    ("github-trending", "github-trending/trending_all_since-weekly_2026-05-13.html", 18, 0,
     {"name": "financial-services", "vendor": "anthropics", "score": 21835,
      "external_id": "anthropics/financial-services", "category": "Python",
      "url": "https://github.com/anthropics/financial-services", "launched_at": None}),
    ("github-trending", "github-trending/trending_all_since-daily_2026-05-13.html", 11, 0,
     {"name": "openhuman", "vendor": "tinyhumansai", "category": "Rust", "score": 3342,
      "tagline": "Your Personal AI super intelligence. Private, Simple and extremely powerful."}),
    ("github-trending", "github-trending/trending_rust_since-weekly_2026-05-07.html", 16, 0,
     {"name": "warp", "vendor": "warpdotdev", "score": 55730,
      "tagline": "Warp is an agentic development environment, born out of the terminal."}),
    ("github-trending", "github-trending/trending_python_since-daily_2026-04-26.html", 20, -1,
     {"name": "pydantic-ai", "score": 16627, "category": "Python"}),
    ("hf-models", "huggingface/api_models_sort-trendingScore_expand_subset6_2026-08.json", 6, 0,
     {"vendor": "DavidAU", "score": 1205, "license": "apache-2.0",
      "category": "image-text-to-text",
      "launched_at": datetime(2026, 7, 17, 0, 27, 17, tzinfo=UTC)}),
    ("hf-models", "huggingface/api_models_sort-likes7d_limit3_2026-04-26.json", 3, 0,
     {"name": "DeepSeek-V4-Pro", "external_id": "deepseek-ai/DeepSeek-V4-Pro", "score": 2656,
      "license": "mit", "category": "text-generation", "vendor": "deepseek-ai",
      "url": "https://huggingface.co/deepseek-ai/DeepSeek-V4-Pro"}),
    ("hf-spaces", "huggingface/api_spaces_sort-trendingScore_limit25_2026-07.json", 25, 0,
     {"name": "Pro-Realism-Edit-Studio", "score": 552, "category": "gradio",
      "url": "https://huggingface.co/spaces/Sneak-Moose/Pro-Realism-Edit-Studio",
      "launched_at": datetime(2026, 5, 28, 1, 22, 40, tzinfo=UTC)}),
    ("hf-papers", "huggingface/api_daily_papers_limit25_2026-07.json", 25, 0,
     {"external_id": "2607.07673", "url": "https://github.com/Yale-BIDS-Chen-Lab/MedPMC",
      "vendor": "Yale-BIDS-Chen-Lab", "category": "paper", "score": 0,
      "discussion_url": "https://huggingface.co/papers/2607.07673"}),
    ("hf-papers", "huggingface/api_daily_papers_limit20_2026-08-16.json", 10, 0,
     {"name": "An Empirical Study of Training Pixel-Space Text-to-Image Diffusion Models",
      "url": "https://huggingface.co/papers/2608.16887", "vendor": "Tongyi-MAI", "score": 2}),
    ("hf-papers", "huggingface/api_daily_papers_2026-08-01.json", 5, 0,
     {"external_id": "2607.23193", "url": "https://github.com/MAC-AutoML/OmniScope", "score": 3}),
    ("feed", "huggingface/blog_feed_xml_2026-08-20_trimmed.xml", 6, 0,
     {"name": "Up to 3.2x Faster Inference with LFM2.5-DSpark",
      "url": "https://huggingface.co/blog/LiquidAI/lfm25-dspark",
      "launched_at": datetime(2026, 8, 20, 16, 52, 57, tzinfo=UTC)}),
    ("feed", "vendor-feeds/openai_news_rss_2026-08-20_trimmed.xml", 6, 0,
     {"name": "Introducing AI Futures", "category": "AI Futures",
      "url": "https://openai.com/index/introducing-ai-futures"}),
    ("feed", "vendor-feeds/openai_news_rss_2026-08-01_trimmed.xml", 5, 0,
     {"name": "Ten advances in mathematics and theoretical computer science",
      "category": "Publication", "launched_at": datetime(2026, 8, 1, tzinfo=UTC)}),
    ("feed", "vendor-feeds/google_deepmind_blog_rss_2026-08-13.xml", 100, 0,
     {"name": "Introducing Gemini 3.7 Flash",
      "url": "https://deepmind.google/blog/introducing-gemini-3-7-flash/"}),
    ("feed", "vendor-feeds/google_blog_ai_rss_2026-08-19_trimmed.xml", 6, 0,
     {"name": "5 new ways to level up your learning with Search",
      "tags": ("Learning & Education", "Search", "AI")}),
    ("feed", "vendor-feeds/mistral_news_rss_olshansk-generated_2026-05-28_trimmed.xml", 4, 0,
     {"name": "Emmi joins Mistral to accelerate the AI-native industry", "category": "Research"}),
    ("feed", "vendor-feeds/anthropic_news_rss_olshansk-generated_2026-08-21_trimmed.xml", 4, 0,
     {"name": "How Claude’s text watermark works", "category": "Announcements",
      "launched_at": datetime(2026, 8, 14, tzinfo=UTC)}),
    ("feed", "reddit/r_LocalLLaMA_top_rss_t-week_2026-07-13.xml", 25, 0,
     {"name": "So... anyone copped one of these?", "external_id": "t3_1up9x38",
      "vendor": "entsnack",
      "description": "Been almost a year since mass hysteria erupted upon the death of NVIDIAs "
      "GPU monopoly. How are your Huawei GPUs? Does CUDA work on them yet?"}),
    ("reddit-json", "reddit/r_LocalLLaMA_top_json_t-day_limit3_2026-04-26.json", 3, 0,
     {"name": "This is where we are right now, LocalLLaMA", "external_id": "t3_1suqfba",
      "score": 2501, "category": "Discussion", "description": "the future is now",
      "url": "https://www.reddit.com/r/LocalLLaMA/comments/1suqfba/"
      "this_is_where_we_are_right_now_localllama/"}),
    ("taaft", "ai-directories/theresanaiforthat_homepage_2026-07-24_trimmed.html", 190, 0,
     {"name": "VoooAI", "external_id": "284810", "url": "https://voooai.com/",
      "category": "Workflows", "pricing": "Free + from $20/mo", "launched_at": None,
      "discussion_url": "https://theresanaiforthat.com/ai/voooai/"}),
    # 68 tool records in the RSC payload; Midjourney is listed twice, so 67 distinct tools.
    ("futurepedia", "ai-directories/futurepedia_homepage_2026-07-24_trimmed.html", 67, 0,
     {"name": "ChatGPT", "score": 6330, "category": "ai chatbots",
      "url": "https://www.futurepedia.io/tool/chatgpt",
      "tagline": "Research, create, and automate tasks with the leader in AI."}),
]  # fmt: skip


@pytest.mark.parametrize(("source", "file", "count", "index", "expected"), CASES)
def test_snapshot_parses(
    fixtures: Path, source: str, file: str, count: int, index: int, expected: dict
) -> None:
    launches = registry.get(source).parse((fixtures / file).read_bytes(), url="")
    assert len(launches) == count
    sample = launches[index]
    for field, value in expected.items():
        assert getattr(sample, field) == value, field
    _assert_clean(launches, source)


def _assert_clean(launches: list[Launch], source: str) -> None:
    for launch in launches:
        assert launch.source == source
        assert launch.name and len(launch.name) <= 120
        assert len(launch.tagline) <= 300 and len(launch.description) <= 2000
        assert launch.url.startswith(("http://", "https://"))
        assert "utm_" not in launch.url and "ref=" not in launch.url
        assert launch.launched_at is None or launch.launched_at.tzinfo is not None
    assert len({launch.external_id for launch in launches}) == len(launches)


def test_every_snapshot_file_is_covered(fixtures: Path) -> None:
    on_disk = {
        str(p.relative_to(fixtures))
        for p in fixtures.rglob("*")
        if p.is_file() and p.name != "SOURCES.md"
    }
    covered = {file for _s, file, *_ in CASES}
    # The one Firebase item is the 2007 docs example; no source reads the Firebase API.
    assert on_disk - covered == {
        "hackernews/firebase_v0_item_8863_story_official-docs-example.json"
    }


def test_show_hn_text_post_links_to_its_thread(fixtures: Path) -> None:
    body = (fixtures / "hackernews/algolia_search_show_hn_points50_2026-07-13.json").read_bytes()
    post = next(x for x in registry.get("hn-algolia").parse(body) if x.external_id == "48847834")
    assert post.url == "https://news.ycombinator.com/item?id=48847834"
    assert post.description.startswith("Hey HN! We built a browser-based agent")
    assert post.description.endswith("…") and len(post.description) == 2000


def test_product_hunt_api_reads_the_real_graphql_envelope(fixtures: Path) -> None:
    nodes = json.loads(
        (fixtures / "producthunt/graphql_v2_posts_nodes_snapshot_2025-06-15.json").read_bytes()
    )["posts"]
    envelope = {"data": {"posts": {"edges": [{"node": n} for n in nodes]}}}
    launches = registry.get("producthunt-api").parse(json.dumps(envelope).encode())
    assert [x.name for x in launches[:2]] == ["Comet Browser by Perplexity", "Tickup"]
    assert len(launches) == 20


def test_taaft_release_ages_become_dates_when_the_fetch_time_is_known(fixtures: Path) -> None:
    body = fixtures / "ai-directories/theresanaiforthat_homepage_2026-07-24_trimmed.html"
    now = datetime(2026, 7, 24, 12, 0, tzinfo=UTC)
    launches = parse_taaft(body.read_bytes(), now=now)
    assert launches[0].launched_at == now - timedelta(minutes=52)  # "v3.5.1 released 52m ago"
    roomflip = next(x for x in launches if x.name == "RoomFlip")
    assert roomflip.launched_at == now - timedelta(days=5)  # "Released 5d ago"
    assert roomflip.pricing == "Free + from $4.99"
    assert sum(x.launched_at is not None for x in launches) == len(launches)
