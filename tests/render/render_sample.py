"""A fixed issue for the golden files, the browser test and the benchmark.

Its first comparison is the seed page's (tests/fixtures/seed/): SmolLM3 vs Mistral 3.1 with
the panel's real eight paragraphs read from the seed file; the others are made-up tools with
paragraphs of the same length, so the issue is digest-sized.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from verdicts.models import (
    CommunityVote,
    Comparison,
    IssueContent,
    Price,
    PriceKind,
    Reviewer,
    Split,
    Tool,
    ToolPanel,
    Verdict,
    first_sentence,
    pair_key,
)
from verdicts.settings import Settings

POSTAL = "Weekly AI Tool Verdicts, 1 Example Street, Springfield, USA"


def make_settings(tmp: Path, base_url: str = "https://verdicts.example") -> Settings:
    """Production-like settings (https) that never read a developer's .env."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        base_url=base_url,
        postal_address=POSTAL,
        from_name="Weekly AI Tool Verdicts",
        digests_dir=tmp / "digests",
        data_dir=tmp / "var",
    )


SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "000_17b59f6817a44203.txt"

REVIEWERS = (
    Reviewer("builder", "The Builder", "developer experience and the primitive"),
    Reviewer("skeptic", "The Skeptic", "competition and how it breaks"),
    Reviewer("futurist", "The Futurist", "the thesis and second-order effects"),
    Reviewer("operator", "The Operator", "the buyer, the business and the moat"),
)
JUDGED = date(2026, 7, 14)


def seed_paragraphs() -> list[str]:
    """The seed page's eight scorecard paragraphs in page order: per reviewer, A then B."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    paragraphs = [ln.strip().strip("“”") for ln in lines if ln.startswith("“")]
    assert len(paragraphs) == 8, "the seed page changed"
    return paragraphs


def _panel(tool: Tool, ships: list[bool], paragraphs: list[str], price: Price) -> ToolPanel:
    verdicts = tuple(
        Verdict(r, tool.key, ship, p, JUDGED, price_judged=price.label)
        for r, ship, p in zip(REVIEWERS, ships, paragraphs, strict=True)
    )
    return ToolPanel(tool, verdicts, price)


def _splits(a: ToolPanel, b: ToolPanel) -> tuple[Split, ...]:
    return tuple(
        Split(
            va.reviewer,
            va.ship,
            vb.ship,
            first_sentence(va.paragraph),
            first_sentence(vb.paragraph),
        )
        for va, vb in zip(a.verdicts, b.verdicts, strict=True)
        if va.ship != vb.ship
    )


def _comparison(a: ToolPanel, b: ToolPanel, reason: str, vote: CommunityVote) -> Comparison:
    slug = f"{a.tool.key}-vs-{b.tool.key}"
    return Comparison(
        slug=slug,
        pair_key=pair_key(a.tool.key, b.tool.key),
        a=a,
        b=b,
        score=0.9,
        reason=reason,
        splits=_splits(a, b),
        vote=vote,
    )


def seed_comparison() -> Comparison:
    p = seed_paragraphs()
    free = Price(PriceKind.OPEN_WEIGHTS, "Free", 0.0, "apache-2.0")
    smol = Tool(
        key="smollm3",
        name="SmolLM3",
        url="https://huggingface.co/blog/smollm3",
        tagline="3B open-source model that punches above its weight class",
        description=(
            "SmolLM3 is a 3-billion parameter open-source language model from Hugging Face, "
            "released under Apache 2.0 and optimized to run and fine-tune on consumer GPUs. It "
            "claims state-of-the-art benchmark performance among sub-4B models on MMLU, HumanEval, "
            "and GSM8K. The model is designed as a practical on-device or edge-deployable base for "
            "developers who need a capable small model without cloud API dependency."
        ),
        category="Developer Tools",
    )
    mistral = Tool(
        key="mistral-3-1",
        name="Mistral 3.1",
        url="https://mistral.ai/news/mistral-3-1",
        tagline="Open-weight model with native tool calling and 256K context window",
        description=(
            "Mistral 3.1 is an open-weight language model released under Apache 2.0, featuring "
            "native tool calling, a 256K token context window, and strong multilingual "
            "capabilities. The weights are freely available on HuggingFace, making it deployable "
            "on your own infrastructure without API dependency. It targets developers and "
            "enterprises who need a capable, self-hostable model with agentic workflow support."
        ),
        category="Developer Tools",
    )
    a = _panel(smol, [True, True, True, False], p[0::2], free)
    b = _panel(mistral, [True, True, True, True], p[1::2], free)
    reason = "Both are Apache-2.0 open-weight models you can run on your own hardware."
    return _comparison(a, b, reason, CommunityVote(3, 4, minimum=10))


def _synthetic(n: int) -> Comparison:
    """A made-up pair whose paragraphs are as long as the seed's (the size budget depends on it)."""
    body = (
        "It does one job well for a small team and the setup takes an afternoon, not a sprint. "
        "The pricing is honest about where the free tier ends, and the export path means you are "
        "not locked in if the company folds. What would make me change my mind is a second "
        "customer story that is not a design partner."
    )
    names = [
        ("Quillpad", "Draftwise"),
        ("Tracelight", "Logsmith"),
        ("Sketchbay", "Framekit"),
        ("Voxly", "Murmur"),
        ("Ledgerly", "Tallybot"),
    ][n % 5]
    tools = [
        Tool(
            key=name.lower(),
            name=name,
            url=f"https://{name.lower()}.example",
            tagline=f"{name} helps small teams ship the boring parts faster",
            description=f"{name} is a made-up tool used to give the sample issue its real size. "
            * 3,
            category="Productivity",
        )
        for name in names
    ]
    a = _panel(
        tools[0],
        [True, False, True, True],
        [f"{names[0]}: {body}"] * 4,
        Price(PriceKind.FREEMIUM, "Free tier, then $12/month", 12.0),
    )
    b = _panel(
        tools[1],
        [True, True, False, False],
        [f"{names[1]}: {body}"] * 4,
        Price(PriceKind.PAID, "From $20/month", 20.0),
    )
    reason = "Two takes on the same job for the same small team."
    return _comparison(a, b, reason, CommunityVote(41 + n, 23, minimum=10))


def sample_issue(comparisons: int = 3) -> IssueContent:
    """The fixed issue: the seed comparison first, then `comparisons - 1` made-up ones."""
    return IssueContent(
        week="2026-W29",
        subject="SmolLM3 vs Mistral 3.1, and two more head-to-heads",
        preheader="Two open-weight models, one panel split, and what readers picked.",
        intro=(
            "Three pairs this week. The open-weight models are the headline: both are free, "
            "both are Apache 2.0, and the panel split on only one of them.\n\n"
            "Vote from this email: one click, no account."
        ),
        comparisons=(seed_comparison(), *(_synthetic(i) for i in range(comparisons - 1))),
        window_start=datetime(2026, 7, 13, tzinfo=UTC),
        window_end=datetime(2026, 7, 20, tzinfo=UTC),
    )


HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_TAGLINE = "{{ 7*7 }} and {% raw %} and -unsubscribe_url-"


def hostile_issue() -> IssueContent:
    """The seed comparison with scraped text trying to be markup, template code and a token."""
    issue = sample_issue(2)
    first = issue.comparisons[0]
    evil = replace(
        first.a.tool,
        name=HOSTILE_NAME,
        tagline=HOSTILE_TAGLINE,
        category="-email-",
        url="javascript:alert(1)",
    )
    comparison = replace(first, a=replace(first.a, tool=evil), reason="{{ config }} <b>bold</b>")
    return replace(issue, comparisons=(comparison, issue.comparisons[1]))
