"""`verdicts pair --input FILE.jsonl`: pair a file of launches, print one JSON object per pair.

Input lines are JSON objects with `name`, `url`, `tagline`, `description`, `category`, `source`
(only `name` is required). There is no catalog: launches pair among themselves. A bad line stops
the command with one line on stderr that names it, and nothing is printed on stdout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from verdicts.models import Launch
from verdicts.pairing import choose_pairs
from verdicts.resolve import resolve

MAX_LINES = 50_000  # a week's launches are hundreds; more is a mistake, not a workload


class LaunchLine(BaseModel):
    """One input line, as untrusted text: capped, whitespace-normalised."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    name: str = Field(min_length=1)
    url: str = ""
    tagline: str = ""
    description: str = ""
    category: str = ""
    source: str = "input"

    @field_validator("name", "url", "tagline", "description", "category", "source", mode="after")
    @classmethod
    def _cap(cls, value: str, info: object) -> str:
        limits = {
            "name": 200,
            "url": 2000,
            "tagline": 300,
            "description": 4000,
            "category": 100,
            "source": 60,
        }
        field = getattr(info, "field_name", "")
        return " ".join(value.split())[: limits.get(field, 300)]


def read_launches(path: Path) -> list[Launch]:
    """Parse the file; raises ValueError naming the first bad line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    launches = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        if number > MAX_LINES:
            raise ValueError(f"{path}: more than {MAX_LINES} lines")
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(data, dict):
            raise ValueError(f"{path}:{number}: expected a JSON object, got {type(data).__name__}")
        try:
            line = LaunchLine.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            raise ValueError(f"{path}:{number}: {where}: {first['msg']}") from exc
        launches.append(
            Launch(
                name=line.name,
                url=line.url if line.url.lower().startswith(("http://", "https://")) else "",
                source=line.source,
                external_id=f"line-{number}",
                tagline=line.tagline,
                description=line.description,
                category=line.category,
            )
        )
    return launches


def pair_lines(launches: list[Launch]) -> list[dict[str, object]]:
    """The pairs as the contract prints them, named as the input named them."""
    tools = resolve(launches)
    pairs = choose_pairs(tools)
    # A tool seen on several lines is printed under the name of its first line.
    input_name = {t.key: t.sightings[0].name if t.sightings else t.name for t in tools}
    return [
        {"a": input_name[p.a.key], "b": input_name[p.b.key], "score": p.score, "reason": p.reason}
        for p in pairs
    ]


def pair_command(
    input: Annotated[Path, typer.Option("--input", "-i", help="Launches as JSON lines.")],
) -> None:
    """Pair a week's launches: one JSON object per chosen pair on stdout."""
    try:
        launches = read_launches(input)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    for row in pair_lines(launches):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


app = typer.Typer(add_completion=False, help="Pair launches from a JSON-lines file.")
app.command("pair")(pair_command)

if __name__ == "__main__":
    app()
