"""Decode JSON bodies with the house error message."""

from __future__ import annotations

import json
from typing import Any

from scrapers.errors import ParseError


def load(body: bytes, source: str) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(source, f"the response is not valid JSON (truncated?): {exc}") from None


def expect(value: Any, kind: type, source: str, where: str) -> Any:
    if not isinstance(value, kind):
        found = type(value).__name__
        raise ParseError(source, f"expected {kind.__name__} at {where}, found {found}")
    return value
