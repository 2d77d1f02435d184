"""Reddit's JSON listing (`/r/<sub>/top.json`), paged with `after`.

Anonymous JSON is limited to 10 queries/minute and often refused from datacenter IPs, so the
bundled config runs the RSS twin (kind `feed`) and leaves this off. Reddit wants a unique,
descriptive User-Agent: set `user_agent` on the source.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapers import clean
from scrapers._json import expect, load
from scrapers.base import Request, Response, SourceConfig, SourceDef, Window
from scrapers.errors import ParseError
from verdicts.models import Launch

SITE = "https://www.reddit.com"
_MEDIA_HOSTS = ("i.redd.it", "v.redd.it", "preview.redd.it", "www.reddit.com", "reddit.com")


def _listing(body: bytes) -> dict:
    data = expect(load(body, "reddit-json"), dict, "reddit-json", "the top level")
    if data.get("kind") != "Listing":
        raise ParseError("reddit-json", f"expected a Listing, found kind {data.get('kind')!r}")
    return expect(data.get("data"), dict, "reddit-json", "data")


def parse(body: bytes, *, url: str = "") -> list[Launch]:
    children = expect(_listing(body).get("children"), list, "reddit-json", "data.children")
    out = []
    for child in children:
        post = child.get("data") if isinstance(child, dict) else None
        if not isinstance(post, dict) or child.get("kind") != "t3" or not post.get("title"):
            continue
        thread = clean.url(f"{SITE}{post.get('permalink', '')}")
        link = clean.url(post.get("url"))
        if not link or post.get("is_self") or urlsplit(link).hostname in _MEDIA_HOSTS:
            link = thread  # a text or image post: the thread is the only page about it
        flair = clean.text(post.get("link_flair_text"), clean.TAG_MAX)
        out.append(
            Launch(
                name=clean.name(post["title"]),
                url=link,
                source="reddit-json",
                external_id=str(post.get("name") or post.get("id")),
                launched_at=clean.when(post.get("created_utc")),
                description=clean.description(post.get("selftext")),
                category=flair,
                tags=clean.tags([t for t in (flair, post.get("subreddit")) if t]),
                score=clean.integer(post.get("score")),
                discussion_url=thread,
            )
        )
    return out


def follow(
    config: SourceConfig, window: Window, request: Request, response: Response, items: list[Launch]
) -> Request | None:
    after = _listing(response.body).get("after")
    if not after or not items:
        return None
    parts = urlsplit(request.url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("after", "count")]
    query += [("after", str(after)), ("count", str(len(items) * (request.page + 1)))]
    return Request(urlunsplit(parts._replace(query=urlencode(query))), page=request.page + 1)


SOURCE = SourceDef("reddit-json", parse, follow=follow, summary="Reddit JSON listing", max_pages=3)
