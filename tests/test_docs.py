"""Every setting is documented in the README (datasette's habit: undocumented is a failing test)."""

from pathlib import Path

from verdicts.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def env_name(field_name: str) -> str:
    field = Settings.model_fields[field_name]
    alias = field.validation_alias
    return alias.choices[0] if alias is not None else f"VERDICTS_{field_name.upper()}"  # type: ignore[union-attr]


def test_every_setting_is_in_the_readme():
    missing = [env_name(n) for n in Settings.model_fields if f"`{env_name(n)}`" not in README]
    assert not missing, f"settings missing from README.md: {missing}"


def test_both_setup_commands_are_in_the_quick_start():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make demo" in quick_start and "make test" in quick_start
