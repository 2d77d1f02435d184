"""Normalise untrusted scraped text and URLs before they become a Launch.

Everything a source says is untrusted: it is unescaped from HTML, whitespace-collapsed, stripped of
control characters and capped, so no stage downstream can be flooded or fed markup.
"""

from __future__ import annotations

import html
import re
import unicodedata
import warnings
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

NAME_MAX = 120
TAGLINE_MAX = 300
DESCRIPTION_MAX = 2000
TAG_MAX = 60
URL_MAX = 2048

# Query parameters that only say where a click came from; they split one product into many URLs.
_TRACKING = {
    "ref",
    "ref_src",
    "ref_url",
    "referrer",
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "_hsenc",
    "_hsmi",
}
_CONTROL = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


def text(value: object, limit: int) -> str:
    """Plain text: entities decoded, controls dropped, whitespace collapsed, capped with "…"."""
    if value is None:
        return ""
    s = unicodedata.normalize("NFC", html.unescape(str(value)))
    s = " ".join(_CONTROL.sub(" ", s).split())
    if len(s) <= limit:
        return s
    return s[: limit - 1].rstrip() + "…"


def soup_of(markup: bytes | str) -> BeautifulSoup:
    """Parse untrusted HTML. bs4's advice warnings ("looks like XML", "looks like a URL") are
    about the input, not our code: the parser's result decides, and a CLI keeps one-line errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, "lxml")


def html_text(fragment: object, limit: int) -> str:
    """Text content of an HTML fragment (story_text, feed descriptions), then `text()`."""
    if not fragment:
        return ""
    soup = soup_of(str(fragment))
    return text(soup.get_text(" "), limit)


def name(value: object) -> str:
    return text(value, NAME_MAX)


def tagline(value: object) -> str:
    return text(value, TAGLINE_MAX)


def description(value: object) -> str:
    return text(value, DESCRIPTION_MAX)


def tags(values: object) -> tuple[str, ...]:
    """Deduplicated, capped tags in source order."""
    out: list[str] = []
    if not isinstance(values, list | tuple):
        return ()
    for v in values:
        t = text(v, TAG_MAX)
        if t and t not in out:
            out.append(t)
    return tuple(out[:30])


def url(value: object, *, base: str = "") -> str:
    """An absolute http(s) URL without tracking parameters or fragment, or "" when unsafe."""
    if not value or not isinstance(value, str):
        return ""
    raw = html.unescape(value.strip())
    if base:
        raw = urljoin(base, raw)
    try:
        parts = urlsplit(raw)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    if _CONTROL.search(raw) or " " in raw:
        return ""
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING
    ]
    cleaned = urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )
    return cleaned if len(cleaned) <= URL_MAX else ""


def when(value: object) -> datetime | None:
    """A timezone-aware datetime from ISO 8601, RFC 822 or Unix seconds; naive means UTC."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, tz=UTC)
        s = str(value).strip()
        if s.isdigit():
            return datetime.fromtimestamp(int(s), tz=UTC)
        try:
            dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, OverflowError, IndexError):
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def integer(value: object) -> int | None:
    """Counts as sources print them: 1234, "1,234", "1.2k", "362 points"."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*([kKmM]?)", str(value))
    if not m:
        return None
    number = float(m.group(1).replace(",", ""))
    number *= {"k": 1_000, "m": 1_000_000}.get(m.group(2).lower(), 1)
    return int(number)
