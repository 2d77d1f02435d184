"""Product Hunt: the public Atom feed (on by default) and the GraphQL API v2 (token, off).

The API terms forbid commercial use without asking Product Hunt, so `producthunt-api` ships off.
"""

from __future__ import annotations

import json
import os

from scrapers import clean
from scrapers._json import expect, load
from scrapers._xml import read_feed
from scrapers.base import Request, Response, SourceConfig, SourceDef, Window, param
from scrapers.errors import ParseError
from verdicts.models import Launch

TOKEN_ENV = "PRODUCTHUNT_TOKEN"
API_URL = "https://api.producthunt.com/v2/api/graphql"

QUERY = """query($first: Int!, $after: String, $postedAfter: DateTime, $postedBefore: DateTime) {
  posts(first: $first, after: $after, order: NEWEST, postedAfter: $postedAfter,
        postedBefore: $postedBefore) {
    pageInfo { endCursor hasNextPage }
    edges { node { id name tagline description url website votesCount commentsCount createdAt
                   topics { edges { node { name } } } } }
  }
}"""


def parse_feed(body: bytes, *, url: str = "") -> list[Launch]:
    out = []
    for entry in read_feed(body, "producthunt-feed"):
        post_id = entry.id.rsplit("/", 1)[-1]
        if not post_id or not entry.title:
            continue
        # The content is "<p>tagline</p><p><a>Discussion</a> | <a>Link</a></p>".
        soup = clean.soup_of(entry.summary or "")
        first = soup.find("p")
        page = clean.url(entry.link)
        out.append(
            Launch(
                name=clean.name(entry.title),
                url=page,
                source="producthunt-feed",
                external_id=post_id,
                launched_at=clean.when(entry.published or entry.updated),
                tagline=clean.tagline(first.get_text(" ") if first else ""),
                discussion_url=page,
            )
        )
    return out


def _nodes(data: object) -> list[dict]:
    """Accept the real envelope, and the bare `{posts: [node...]}` shape snapshots are kept in."""
    if not isinstance(data, dict):
        raise ParseError("producthunt-api", "expected a JSON object at the top level")
    if data.get("errors"):
        first = data["errors"][0] if isinstance(data["errors"], list) else data["errors"]
        message = first.get("message") if isinstance(first, dict) else first
        raise ParseError("producthunt-api", f"the API answered an error: {message}")
    if isinstance(data.get("posts"), list):
        return [p for p in data["posts"] if isinstance(p, dict)]
    posts = expect((data.get("data") or {}).get("posts"), dict, "producthunt-api", "data.posts")
    edges = expect(posts.get("edges"), list, "producthunt-api", "data.posts.edges")
    return [e["node"] for e in edges if isinstance(e, dict) and isinstance(e.get("node"), dict)]


def parse_api(body: bytes, *, url: str = "") -> list[Launch]:
    out = []
    for node in _nodes(load(body, "producthunt-api")):
        if not node.get("id") or not node.get("name"):
            continue
        topics = (node.get("topics") or {}).get("edges") or []
        names = [t["node"]["name"] for t in topics if isinstance(t, dict) and t.get("node")]
        page = clean.url(node.get("url"))
        out.append(
            Launch(
                name=clean.name(node["name"]),
                url=clean.url(node.get("website")) or page,
                source="producthunt-api",
                external_id=str(node["id"]),
                launched_at=clean.when(node.get("createdAt")),
                tagline=clean.tagline(node.get("tagline")),
                description=clean.description(node.get("description")),
                category=clean.text(names[0], clean.TAG_MAX) if names else "",
                tags=clean.tags(names),
                score=clean.integer(node.get("votesCount")),
                discussion_url=page,
            )
        )
    return out


def _api_request(config: SourceConfig, window: Window, after: str | None, page: int) -> Request:
    variables = {
        "first": int(param(config, "page_size", 20)),
        "after": after,
        "postedAfter": window.start.isoformat(),
        "postedBefore": window.end.isoformat(),
    }
    token = os.environ.get(str(param(config, "token_env", TOKEN_ENV)), "")
    return Request(
        str(param(config, "url", API_URL)),
        method="POST",
        body=json.dumps({"query": QUERY, "variables": variables}).encode(),
        headers=(
            ("Authorization", f"Bearer {token}"),
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ),
        page=page,
    )


def plan_api(config: SourceConfig, window: Window) -> list[Request]:
    return [_api_request(config, window, None, 0)]


def follow_api(
    config: SourceConfig, window: Window, request: Request, response: Response, items: list[Launch]
) -> Request | None:
    data = load(response.body, "producthunt-api")
    info = ((data.get("data") or {}).get("posts") or {}).get("pageInfo") or {}
    if not info.get("hasNextPage") or not info.get("endCursor") or not items:
        return None
    return _api_request(config, window, str(info["endCursor"]), request.page + 1)


FEED = SourceDef("producthunt-feed", parse_feed, summary="Product Hunt Atom feed (~50 newest)")
API = SourceDef(
    "producthunt-api",
    parse_api,
    plan=plan_api,
    follow=follow_api,
    summary="Product Hunt GraphQL v2 (token; non-commercial terms)",
    needs_token=TOKEN_ENV,
)
