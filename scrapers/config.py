"""Read sources.toml: which sources run, with which parameters, and the relevance rule.

The bundled file is the default; `settings.sources_file` (or an explicit path) replaces it. A broken
file is fatal (the operator must fix it); a disabled source, an unknown kind or a missing token is
only reported.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapers import registry
from scrapers.base import SourceConfig, param
from verdicts.settings import Settings

BUNDLED = Path(__file__).with_name("sources.toml")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class SourcesFile:
    path: Path
    sources: tuple[SourceConfig, ...]
    relevance: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Selection:
    run: tuple[SourceConfig, ...]
    skipped: tuple[tuple[str, str], ...]  # (source id, why it does not run): disabled, not asked
    broken: tuple[tuple[str, str], ...]  # (source id, error): enabled but cannot run


def sources_path(settings: Settings | None = None, override: Path | None = None) -> Path:
    if override is not None:
        return Path(override)
    if settings is not None and settings.sources_file is not None:
        return Path(settings.sources_file)
    return BUNDLED


def load(path: Path) -> SourcesFile:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read sources file {path}: {exc}") from None
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: use [[source]] tables for sources")
    sources: list[SourceConfig] = []
    for i, entry in enumerate(entries):
        sources.append(_entry(entry, f"{path}: [[source]] #{i + 1}"))
    ids = [s.id for s in sources]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ConfigError(f"{path}: duplicate source ids: {', '.join(dupes)}")
    relevance = data.get("relevance")
    if relevance is None and Path(path) != BUNDLED:
        relevance = load(BUNDLED).relevance  # an operator file may list sources only
    return SourcesFile(Path(path), tuple(sources), dict(relevance or {}))


def _entry(entry: object, where: str) -> SourceConfig:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} is not a table")
    fields = dict(entry)
    kind = str(fields.pop("kind", fields.get("id", "")))
    sid = str(fields.pop("id", kind))
    if not sid:
        raise ConfigError(f"{where} needs an id or a kind")
    enabled = fields.pop("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{where}: enabled must be true or false")
    note = str(fields.pop("note", ""))
    return SourceConfig(id=sid, kind=kind, enabled=enabled, params=fields, note=note)


def select(file: SourcesFile, only: list[str] | None = None) -> Selection:
    """Split the configured sources into those that run, those skipped and those that cannot run.

    `only` names source ids or kinds; it can switch on a disabled source for one run.
    """
    run, skipped, broken = [], [], []
    for src in file.sources:
        asked = only is not None and (src.id in only or src.kind in only)
        if only is not None and not asked:
            skipped.append((src.id, "not asked for in this run"))
            continue
        if not src.enabled and not asked:
            skipped.append((src.id, "disabled" + (f": {src.note}" if src.note else "")))
            continue
        try:
            definition = registry.get(src.kind)
        except KeyError as exc:
            broken.append((src.id, str(exc.args[0])))
            continue
        token_env = str(param(src, "token_env", definition.needs_token))
        if definition.needs_token and not os.environ.get(token_env):
            broken.append((src.id, f"missing token: set {token_env} to use {src.id}"))
            continue
        run.append(src)
    known = {s.id for s in file.sources} | {s.kind for s in file.sources}
    for name in only or []:
        if name not in known:
            broken.append((name, f"no source {name!r} in {file.path}"))
    return Selection(tuple(run), tuple(skipped), tuple(broken))
