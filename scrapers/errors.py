"""The errors a scrape can end in. Each message is one line an operator can act on."""

from __future__ import annotations


class ScrapeError(Exception):
    """Base class: anything that stops one source (never the others)."""


class ParseError(ScrapeError):
    """A response did not have the shape its parser expects (changed markup, truncated JSON)."""

    def __init__(self, source: str, detail: str) -> None:
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: {detail}")


def empty_listing(source: str, what: str) -> ParseError:
    """The house phrasing for a listing that yielded nothing: never silent emptiness."""
    return ParseError(source, f"found 0 items in {source}: {what}")


class FetchError(ScrapeError):
    """An HTTP exchange failed for good (after any retries)."""

    retryable = False


class RobotsDisallowed(FetchError):
    pass


class TooLarge(FetchError):
    pass


class TooManyRedirects(FetchError):
    pass


class HTTPStatusError(FetchError):
    def __init__(self, url: str, status: int, detail: str = "") -> None:
        self.status = status
        self.url = url
        super().__init__(f"HTTP {status} from {url}" + (f" ({detail})" if detail else ""))


class TransientError(FetchError):
    """Timeouts, refused connections, 429 and 5xx: worth another try later."""

    retryable = True


class RobotsUnavailable(TransientError):
    """robots.txt answered 5xx or not at all: RFC 9309 says assume complete disallow, for now."""
