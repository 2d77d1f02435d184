from verdicts.resolve import (
    aliases_for,
    canonical_url,
    normalise_name,
    resolve,
    split_title,
    tool_key,
)

from .helpers import launch, tool


def test_tracking_parameters_and_spelling_variants_fold_to_one_url():
    assert (
        canonical_url("https://www.Cursor.com/?utm_source=ph&ref=producthunt")
        == "https://cursor.com"
    )
    assert canonical_url("http://cursor.com/pricing/?fbclid=x") == "https://cursor.com/pricing"
    assert (
        canonical_url("https://cursor.com/pricing?plan=pro")
        == "https://cursor.com/pricing?plan=pro"
    )


def test_repository_urls_are_case_folded_to_owner_and_name():
    forms = [
        "https://GitHub.com/RowboatLabs/Rowboat/",
        "https://github.com/rowboatlabs/rowboat.git",
        "https://www.github.com/rowboatlabs/rowboat/tree/main/apps?tab=readme",
    ]
    assert {canonical_url(u) for u in forms} == {"https://github.com/rowboatlabs/rowboat"}


def test_known_redirect_forms_are_unwrapped_or_reduced_to_their_identity():
    wrapped = "https://www.google.com/url?q=https%3A%2F%2Fqdrant.tech%2F%3Futm_medium%3Dx&sa=D"
    assert canonical_url(wrapped) == "https://qdrant.tech"
    # Product Hunt's visit link cannot be followed offline: its app_id is noise, the post id is not.
    assert canonical_url("https://www.producthunt.com/r/p/1191340?app_id=339") == (
        "https://producthunt.com/r/p/1191340"
    )
    assert canonical_url("javascript:alert(1)") == ""


def test_titles_split_into_name_and_tagline():
    assert split_title(
        "Show HN: Rowboat – Open-source, local-first alternative to Claude Desktop"
    ) == (
        "Rowboat",
        "Open-source, local-first alternative to Claude Desktop",
    )
    assert split_title("Launch HN: Speko (YC S26) – OpenRouter for Voice AI") == (
        "Speko",
        "OpenRouter for Voice AI",
    )
    assert split_title("Show HN: Getting GLM 5.2 running on my slow computer")[1] == ""


def test_names_normalise_across_sources():
    assert (
        normalise_name("HuggingFaceTB/SmolLM3-3B") == normalise_name("smollm3 3B") == "smollm3 3b"
    )
    assert normalise_name("Scarlett.") == "scarlett"
    assert normalise_name("Muse Spark 1.1 by Meta AI") == "muse spark 1.1"
    assert tool_key("Mistral 3.1") == "mistral-3-1"
    assert tool_key("Mistral 3.1") != tool_key("Mistral 31")


def test_aliases_include_repo_id_and_sizeless_family():
    aliases = aliases_for(
        launch("HuggingFaceTB/SmolLM3-3B", "https://huggingface.co/HuggingFaceTB/SmolLM3-3B")
    )
    assert {"smollm3 3b", "smollm3", "huggingfacetb/smollm3-3b"} <= aliases


def test_the_same_model_on_three_sources_is_one_tool():
    tools = resolve(
        [
            launch(
                "HuggingFaceTB/SmolLM3-3B",
                "https://huggingface.co/HuggingFaceTB/SmolLM3-3B",
                "hf",
                score=900,
            ),
            launch(
                "SmolLM3",
                "https://www.producthunt.com/products/smollm3",
                "ph",
                tagline="3B open model",
            ),
            launch(
                "SmolLM3-3B",
                "https://huggingface.co/huggingfacetb/smollm3-3b/tree/main",
                "hn",
                score=120,
            ),
        ]
    )
    assert len(tools) == 1
    (smol,) = tools
    assert smol.name == "SmolLM3"
    assert smol.key == "smollm3"
    assert smol.vendor == "HuggingFaceTB"
    assert smol.tagline == "3B open model"
    assert smol.best_score == 900
    assert {s.source for s in smol.sightings} == {"hf", "ph", "hn"}
    assert smol.is_new


def test_versions_and_sizes_stay_apart():
    tools = resolve(
        [
            launch("Llama 3.2 3B", "https://huggingface.co/meta-llama/Llama-3.2-3B"),
            launch("Llama 3.3 70B", "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct"),
            launch("Llama 3.3 8B"),
            launch("Llama 3.3"),  # ambiguous between 8B and 70B: joins neither
        ]
    )
    assert [t.name for t in tools] == ["Llama 3.2 3B", "Llama 3.3 70B", "Llama 3.3 8B", "Llama 3.3"]


def test_a_listing_page_shared_by_two_products_does_not_merge_them():
    # Product Hunt files products under the maker's page: Notion's two launches share one URL.
    tools = resolve(
        [
            launch("Ship OS by Notion", "https://www.producthunt.com/products/notion"),
            launch("Notion Mail", "https://www.producthunt.com/products/notion"),
        ]
    )
    assert [t.name for t in tools] == ["Ship OS", "Notion Mail"]
    assert tools[0].vendor == "Notion"


def test_same_product_url_merges_different_spellings():
    tools = resolve(
        [
            launch("Qdrant", "https://qdrant.tech/?utm_source=hn"),
            launch("Qdrant Vector Database", "https://www.qdrant.tech/"),
        ]
    )
    assert len(tools) == 1


def test_known_tools_keep_their_key_and_are_not_new():
    known = tool(
        "Cursor", url="https://cursor.com", key="cursor-editor", aliases=("cursor",), is_new=False
    )
    tools = resolve(
        [
            launch("Cursor 3", "https://cursor.com/?ref=ph"),
            launch("Windsurf", "https://windsurf.com"),
        ],
        known=[known],
    )
    by_name = {t.name: t for t in tools}
    assert by_name["Cursor"].key == "cursor-editor"
    assert not by_name["Cursor"].is_new
    assert by_name["Windsurf"].is_new


def test_known_tool_matches_by_alias_without_url():
    known = tool("Mistral 3.1", key="mistral-3-1", aliases=("mistral small 3.1",), is_new=False)
    (resolved,) = resolve(
        [launch("Mistral Small 3.1", "https://huggingface.co/mistralai/x")], known=[known]
    )
    assert resolved.key == "mistral-3-1"


def test_new_tool_never_takes_a_known_tools_key():
    known = tool("Sim Studio", key="sim", url="https://sim.ai", is_new=False)
    (other,) = resolve([launch("Sim", "https://another-sim.example")], known=[known])
    assert other.is_new
    assert other.key == "sim-2"


def test_one_name_on_two_urls_is_one_tool():
    tools = resolve(
        [launch("Glimpse", "https://glimpse.example"), launch("Glimpse", "https://other.example")]
    )
    # Same name, different product URLs: the name wins (one tool), as the editor can split later.
    assert len(tools) == 1
