"""Read a panel file (YAML, JSON or CSV) into validated values, naming the line of the first problem.

A file is imported whole or not at all: `load_panel_file` raises `PanelFileError` before anything
is written, so a bad line never leaves half a panel in the store.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class PanelFileError(ValueError):
    """One line: the file, where, and what is wrong."""


class ReviewerIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    key: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1, max_length=200)
    lens: str = Field("", max_length=300)


class ToolIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1, max_length=200)
    aliases: list[str] = []
    url: str = ""
    vendor: str = ""
    tagline: str = Field("", max_length=400)
    description: str = Field("", max_length=4000)
    category: str = ""
    tags: list[str] = []
    pricing: str = ""
    license: str = ""

    @field_validator("url")
    @classmethod
    def _http_only(cls, v: str) -> str:
        if v and not v.startswith(("https://", "http://")):
            raise ValueError("url must start with http:// or https://")
        return v


class VerdictIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    tool: str = Field(min_length=1, max_length=200)
    reviewer: str = Field(min_length=1, max_length=60)
    verdict: Literal["ship", "skip"]
    judged_on: date
    price: str = Field("", max_length=200)
    paragraph: str = Field(min_length=40, max_length=4000)

    @field_validator("verdict", mode="before")
    @classmethod
    def _lower(cls, v: Any) -> Any:
        return v.strip().lower() if isinstance(v, str) else v


@dataclass(frozen=True, slots=True)
class PanelFile:
    path: str
    reviewers: tuple[ReviewerIn, ...]
    tools: tuple[ToolIn, ...]
    verdicts: tuple[VerdictIn, ...]


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "entry"
    return f"{where}: {err['msg']}"


def _yaml_lines(text: str) -> dict[tuple[str, int], int]:
    """Line number (1-based) of each item in each top-level list, from YAML's node marks."""
    lines: dict[tuple[str, int], int] = {}
    root = yaml.compose(text)
    if root is None or not isinstance(root, yaml.MappingNode):
        return lines
    for key_node, value in root.value:
        if isinstance(value, yaml.SequenceNode):
            for i, item in enumerate(value.value):
                lines[(key_node.value, i)] = item.start_mark.line + 1
    return lines


def _validate(path: str, data: Any, lines: dict[tuple[str, int], int], unit: str) -> PanelFile:
    if not isinstance(data, dict):
        raise PanelFileError(f"{path}: expected a mapping with reviewers, tools and verdicts")
    unknown = set(data) - {"reviewers", "tools", "verdicts"}
    if unknown:
        raise PanelFileError(f"{path}: unknown section(s): {', '.join(sorted(unknown))}")
    parsed: dict[str, list[Any]] = {}
    for section, model in (("reviewers", ReviewerIn), ("tools", ToolIn), ("verdicts", VerdictIn)):
        items = data.get(section) or []
        if not isinstance(items, list):
            raise PanelFileError(f"{path}: {section} must be a list")
        out = []
        for i, item in enumerate(items):
            where = f"{unit} {lines[(section, i)]}" if (section, i) in lines else f"{section}[{i}]"
            try:
                out.append(model.model_validate(item))
            except ValidationError as exc:
                raise PanelFileError(f"{path}:{where}: {_first_error(exc)}") from None
        parsed[section] = out
    seen: dict[tuple[str, str], int] = {}
    for i, v in enumerate(parsed["verdicts"]):
        pair = (v.tool.casefold(), v.reviewer)
        if pair in seen:
            where = f"{unit} {lines.get(('verdicts', i), i)}"
            raise PanelFileError(
                f"{path}:{where}: a second verdict by {v.reviewer!r} on {v.tool!r} in the same file"
            )
        seen[pair] = i
    return PanelFile(
        path, tuple(parsed["reviewers"]), tuple(parsed["tools"]), tuple(parsed["verdicts"])
    )


def parse_panel(text: str, *, path: str = "<panel>", fmt: str | None = None) -> PanelFile:
    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    if fmt in ("yaml", "yml"):
        try:
            data = yaml.safe_load(text)
            lines = _yaml_lines(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark else "somewhere"
            raise PanelFileError(f"{path}:{where}: not valid YAML") from None
        return _validate(path, data, lines, "line")
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PanelFileError(f"{path}:line {exc.lineno}: not valid JSON ({exc.msg})") from None
        return _validate(path, data, {}, "entry")
    if fmt == "csv":
        # CSV carries verdicts only (one per row); reviewers must already be in the store.
        reader = csv.DictReader(io.StringIO(text))
        rows = list(reader)
        lines = {("verdicts", i): i + 2 for i in range(len(rows))}  # +1 header, +1 one-based
        return _validate(path, {"verdicts": rows}, lines, "line")
    raise PanelFileError(f"{path}: unknown panel file format {fmt!r} (use .yaml, .json or .csv)")


def load_panel_file(path: Path) -> PanelFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PanelFileError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    return parse_panel(text, path=str(path))
