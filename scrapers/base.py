"""The small vocabulary every source module declares itself in.

A source is three pure pieces: which requests to start a window with, which request (if any)
follows a response (pagination), and how to parse one response body. Only `scrapers.http` does I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from verdicts.models import Launch


@dataclass(frozen=True, slots=True)
class Window:
    start: datetime
    end: datetime

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True, slots=True)
class Request:
    url: str
    method: str = "GET"
    body: bytes | None = None  # JSON for GraphQL POSTs
    headers: tuple[tuple[str, str], ...] = ()
    page: int = 0  # 0 for the first request of a chain, then 1, 2...


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # the URL finally answered (after redirects), as the source sees it
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    from_cache: bool = False  # a 304 answered and the stored body was reused


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One `[[source]]` entry of sources.toml: an instance of a registry kind with parameters."""

    id: str  # unique per entry; equals `kind` for single-instance sources, e.g. "feed:openai"
    kind: str  # registry name, e.g. "feed"
    enabled: bool = True
    params: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""  # why it is on or off, shown in health reports


Parse = Callable[..., list[Launch]]
Plan = Callable[[SourceConfig, Window], list[Request]]
Follow = Callable[[SourceConfig, Window, Request, Response, list[Launch]], Request | None]


def no_follow(
    config: SourceConfig, window: Window, request: Request, response: Response, items: list[Launch]
) -> Request | None:
    return None


def single_url(config: SourceConfig, window: Window) -> list[Request]:
    """The plan of sources that are one listing URL (`url` parameter)."""
    return [Request(str(config.params["url"]))]


@dataclass(frozen=True, slots=True)
class SourceDef:
    name: str
    parse: Parse
    plan: Plan = single_url
    follow: Follow = no_follow
    summary: str = ""
    needs_token: str = ""  # environment variable that must hold a token, e.g. PRODUCTHUNT_TOKEN
    max_pages: int = 10  # hard stop for pagination, whatever a response claims
    relative_dates: bool = False  # parse() takes `now=` to turn "3h ago" into a datetime


def param(config: SourceConfig, key: str, default: Any) -> Any:
    return config.params.get(key, default)
