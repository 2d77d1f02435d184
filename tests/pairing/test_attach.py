from datetime import date

from verdicts.attach import attach, comparison_slug
from verdicts.models import Pair, PriceKind

from .helpers import BUILDER, BUYER, FUTURIST, PANEL, SKEPTIC, tool, verdict

SMOL = tool("SmolLM3", "3B open-source model that punches above its weight class", key="smollm3")
MISTRAL = tool("Mistral 3.1", "Open-weight model with native tool calling", key="mistral-3-1")
BUYER_SKIP = (
    "There's no business here in the traditional sense — this is a research artifact and community "
    "play from Hugging Face, not a product with a buyer and a check. The moat question answers itself."
)
BUYER_SHIP = (
    "The buyer here is the enterprise infrastructure team that has already decided they cannot send "
    "data to OpenAI or Anthropic. Apache 2.0 is the unlock."
)


def seed_verdicts():
    smol = [verdict(r, "smollm3", True, price_judged="Free") for r in (BUILDER, SKEPTIC, FUTURIST)]
    smol.append(verdict(BUYER, "smollm3", False, BUYER_SKIP, price_judged="Free"))
    mistral = [verdict(r, "mistral-3-1", True, price_judged="Free") for r in PANEL[:3]]
    mistral.append(verdict(BUYER, "mistral-3-1", True, BUYER_SHIP, price_judged="Free"))
    return {"smollm3": smol, "mistral-3-1": mistral}


def test_seed_comparison_matches_the_published_page():
    comparison = attach(
        Pair(SMOL, MISTRAL, 0.9, "both open-weight language models"), seed_verdicts()
    )
    assert comparison is not None
    assert comparison.slug == "smollm3-vs-mistral-3-1"
    assert comparison.title == "SmolLM3 vs Mistral 3.1"
    assert (comparison.a.share_label, comparison.b.share_label) == ("3/4 ship", "4/4 ship")
    assert (comparison.a.share_percent, comparison.b.share_percent) == (75, 100)
    assert (comparison.a.price.label, comparison.b.price.label) == ("Free", "Free")
    (split,) = comparison.splits
    assert split.reviewer == BUYER
    assert (split.a_ship, split.b_ship) == (False, True)
    assert split.a_line.startswith("There's no business here")
    assert split.a_line.endswith("a check.")
    assert split.b_line.startswith("The buyer here is")
    assert comparison.vote.label("a") == "—"


def test_a_tool_without_verdicts_awaits_the_panel():
    only_smol = {"smollm3": seed_verdicts()["smollm3"]}
    assert attach(Pair(SMOL, MISTRAL, 0.9, "r"), only_smol) is None
    assert (
        attach(Pair(SMOL, MISTRAL, 0.9, "r"), {"smollm3": only_smol["smollm3"], "mistral-3-1": []})
        is None
    )


def test_a_reviewers_latest_verdict_counts_once():
    verdicts = seed_verdicts()
    verdicts["smollm3"].append(verdict(BUYER, "smollm3", True, judged_on=date(2026, 8, 1)))
    comparison = attach(Pair(SMOL, MISTRAL, 0.9, "r"), verdicts)
    assert comparison is not None
    assert comparison.a.share_label == "4/4 ship"
    assert comparison.splits == ()


def test_tools_own_price_wins_over_the_judged_one():
    paid = tool("Cursor", pricing="$20/mo", key="cursor")
    free = tool("Windsurf", pricing="Freemium", key="windsurf")
    verdicts = {
        "cursor": [verdict(BUILDER, "cursor", True, price_judged="Free")],
        "windsurf": [verdict(BUILDER, "windsurf", False)],
    }
    comparison = attach(Pair(paid, free, 0.8, "both AI code editors"), verdicts)
    assert comparison is not None
    assert comparison.a.price.label == "From $20/month"
    assert comparison.b.price.kind is PriceKind.FREEMIUM


def test_open_weights_from_hugging_face_carry_their_licence():
    smol = tool(
        "SmolLM3",
        key="smollm3",
        url="https://huggingface.co/HuggingFaceTB/SmolLM3-3B",
        license="apache-2.0",
    )
    comparison = attach(Pair(smol, MISTRAL, 0.9, "r"), seed_verdicts())
    assert comparison is not None
    assert comparison.a.price.kind is PriceKind.OPEN_WEIGHTS
    assert (comparison.a.price.label, comparison.a.price.license) == ("Free", "Apache-2.0")


def test_community_vote_shows_once_the_minimum_is_reached():
    below = attach(Pair(SMOL, MISTRAL, 0.9, "r"), seed_verdicts(), votes=(6, 3), vote_minimum=10)
    above = attach(Pair(SMOL, MISTRAL, 0.9, "r"), seed_verdicts(), votes=(6, 4), vote_minimum=10)
    assert below is not None and above is not None
    assert below.vote.label("a") == "—"
    assert (above.vote.label("a"), above.vote.label("b")) == ("60%", "40%")


def test_slugs_are_url_safe():
    assert comparison_slug("Scarlett.", "Yasmine Works") == "scarlett-vs-yasmine-works"
    assert comparison_slug("<script>", "Ünïcode Tool") == "script-vs-unicode-tool"
