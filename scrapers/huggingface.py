"""Hugging Face Hub: trending models and spaces (Link-header pagination) and daily papers.

Every repository created before the Hub stored creation dates reports 2022-03-02T23:29:04Z; that
date means "unknown", not a launch.
"""

from __future__ import annotations

import re

from scrapers import clean
from scrapers._json import expect, load
from scrapers.base import Request, Response, SourceConfig, SourceDef, Window
from verdicts.models import Launch

HUB = "https://huggingface.co/"
_UNKNOWN_DATE = "2022-03-02T23:29:04"
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')
_HIDDEN_TAGS = re.compile(
    r"^(region:|endpoints_compatible|deploy:|autotrain|eval-results|dataset:|base_model:|arxiv:)"
)


def _created(value: object):
    if isinstance(value, str) and value.startswith(_UNKNOWN_DATE):
        return None
    return clean.when(value)


def _repos(body: bytes, source: str, kind: str) -> list[Launch]:
    items = expect(load(body, source), list, source, "the top level")
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        repo_id = str(item.get("id") or item.get("modelId") or "")
        if repo_id.count("/") != 1 or item.get("private"):
            continue
        owner, name = repo_id.split("/")
        tags = [str(t) for t in item.get("tags") or [] if not _HIDDEN_TAGS.match(str(t))]
        licence = next((t.split(":", 1)[1] for t in tags if t.startswith("license:")), "")
        category = item.get("pipeline_tag") or item.get("sdk") or ""
        url = clean.url(f"{HUB}{kind}{repo_id}")
        out.append(
            Launch(
                name=clean.name(name),
                url=url,
                source=source,
                external_id=repo_id,
                launched_at=_created(item.get("createdAt")),
                category=clean.text(category, clean.TAG_MAX),
                tags=clean.tags([t for t in tags if not t.startswith("license:")]),
                score=clean.integer(item.get("likes")),
                license=clean.text(licence, clean.TAG_MAX),
                vendor=clean.name(item.get("author") or owner),
                discussion_url=url,
            )
        )
    return out


def parse_models(body: bytes, *, url: str = "") -> list[Launch]:
    return _repos(body, "hf-models", "")


def parse_spaces(body: bytes, *, url: str = "") -> list[Launch]:
    return _repos(body, "hf-spaces", "spaces/")


def parse_papers(body: bytes, *, url: str = "") -> list[Launch]:
    items = expect(load(body, "hf-papers"), list, "hf-papers", "the top level")
    out = []
    for item in items:
        paper = item.get("paper") if isinstance(item, dict) else None
        if not isinstance(paper, dict) or not paper.get("id"):
            continue
        page = clean.url(f"{HUB}papers/{paper['id']}")
        org = paper.get("organization") or item.get("organization") or {}
        out.append(
            Launch(
                name=clean.name(paper.get("title") or item.get("title")),
                url=clean.url(paper.get("githubRepo")) or page,
                source="hf-papers",
                external_id=str(paper["id"]),
                launched_at=clean.when(item.get("publishedAt") or paper.get("publishedAt")),
                tagline=clean.tagline(paper.get("ai_summary")),
                description=clean.description(paper.get("summary") or item.get("summary")),
                category="paper",
                tags=clean.tags(paper.get("ai_keywords") or []),
                score=clean.integer(paper.get("upvotes")),
                vendor=clean.name(org.get("fullname") or org.get("name") or ""),
                discussion_url=page,
            )
        )
    return out


def next_link(header: str) -> str | None:
    """The rel="next" target of a Link header, as the Hub paginates listings."""
    m = _NEXT.search(header or "")
    return m.group(1) if m else None


def follow_link(
    config: SourceConfig, window: Window, request: Request, response: Response, items: list[Launch]
) -> Request | None:
    target = next_link(response.headers.get("Link", ""))
    if not target or not items:
        return None
    return Request(clean.url(target, base=response.url) or target, page=request.page + 1)


MODELS = SourceDef(
    "hf-models",
    parse_models,
    follow=follow_link,
    summary="Hub models by trendingScore",
    max_pages=3,
)
SPACES = SourceDef(
    "hf-spaces",
    parse_spaces,
    follow=follow_link,
    summary="Hub spaces by trendingScore",
    max_pages=3,
)
PAPERS = SourceDef("hf-papers", parse_papers, summary="Hugging Face daily papers")
