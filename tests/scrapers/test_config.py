"""sources.toml: the bundled defaults honour each source's terms; operator files override."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers import config, registry
from verdicts.settings import Settings

REGISTRY_NAMES = {
    "hn-algolia", "hn-html", "producthunt-feed", "producthunt-api", "github-trending",
    "hf-models", "hf-spaces", "hf-papers", "feed", "reddit-json", "taaft", "futurepedia",
}  # fmt: skip


def bundled() -> config.SourcesFile:
    return config.load(config.BUNDLED)


def test_registry_names_every_source_kind() -> None:
    assert set(registry.names()) == REGISTRY_NAMES
    with pytest.raises(KeyError, match="unknown source 'nope'; known sources: feed"):
        registry.get("nope")


def test_bundled_file_uses_only_registered_kinds_with_production_urls() -> None:
    file = bundled()
    assert {s.kind for s in file.sources} == REGISTRY_NAMES
    for src in file.sources:
        url = str(src.params.get("url", ""))
        assert url.startswith("https://") and "127.0.0.1" not in url, src.id


def test_defaults_honour_the_terms() -> None:
    by_id = {s.id: s for s in bundled().sources}
    assert not by_id["producthunt-api"].enabled  # commercial use restricted
    assert "commercial" in by_id["producthunt-api"].note
    assert not by_id["hn-html"].enabled and by_id["hn-html"].params["delay_s"] == 30
    assert not by_id["reddit-json"].enabled
    reddit_rss = by_id["feed:reddit-localllama"]
    assert reddit_rss.enabled and "weekly-ai-tool-verdicts" in reddit_rss.params["user_agent"]
    assert by_id["hn-algolia"].enabled and by_id["producthunt-feed"].enabled


def test_disabled_and_tokenless_sources_are_reported_not_fatal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PRODUCTHUNT_TOKEN", raising=False)
    selection = config.select(bundled())
    ran = {s.id for s in selection.run}
    assert "hn-algolia" in ran and "producthunt-api" not in ran
    skipped = dict(selection.skipped)
    assert skipped["producthunt-api"].startswith("disabled: API terms forbid commercial use")
    # Asking for a disabled source by name switches it on for that run; its token is still needed.
    forced = config.select(bundled(), only=["producthunt-api"])
    assert forced.run == () and forced.broken == (
        ("producthunt-api", "missing token: set PRODUCTHUNT_TOKEN to use producthunt-api"),
    )
    monkeypatch.setenv("PRODUCTHUNT_TOKEN", "x")
    assert [s.id for s in config.select(bundled(), only=["producthunt-api"]).run] == [
        "producthunt-api"
    ]


def test_settings_sources_file_overrides_the_bundled_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[source]]\nkind = "producthunt-feed"\nurl = "https://www.producthunt.com/feed"\n'
    )
    chosen = config.sources_path(Settings(sources_file=path))
    assert chosen == path
    file = config.load(chosen)
    assert [s.id for s in file.sources] == ["producthunt-feed"]
    assert file.relevance == bundled().relevance  # no [relevance]: the bundled rule applies
    assert config.sources_path(Settings(sources_file=None)) == config.BUNDLED


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[[source]\nkind=", "cannot read sources file"),
        ('[[source]]\nkind = "feed"\n[[source]]\nkind = "feed"\n', "duplicate source ids: feed"),
        ('[[source]]\nkind = "feed"\nenabled = "yes"\n', "enabled must be true or false"),
    ],
)
def test_a_broken_file_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises(config.ConfigError, match=message):
        config.load(path)


def test_unknown_only_name_is_reported() -> None:
    selection = config.select(bundled(), only=["hn-algolia", "typo"])
    assert [s.id for s in selection.run] == ["hn-algolia"]
    assert selection.broken[0][0] == "typo"
