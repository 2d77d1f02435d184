"""Write a rendered issue to digests/<week>/ and keep the archive index of all issues current.

digests/<week>/ holds what the editor reviews and the web app serves: email.html, email.txt,
email.mjml, index.html (the issue's web page), <slug>.html per comparison and manifest.json.
Files are written to a temporary name and renamed, so a crash never leaves half a page.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verdicts.models import RenderedIssue
from verdicts.render.environment import markup_env
from verdicts.render.tokens import tokens_in
from verdicts.render.view import comparison_url, issue_url, links_for
from verdicts.settings import Settings, get_settings

MANIFEST = "manifest.json"
ARCHIVE_TEMPLATE = "web/archive.html.j2"
WEEK_RE = re.compile(r"^\d{4}-W\d{2}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,200}$")
# File names the issue itself uses; a comparison slug may not take one of them.
RESERVED = frozenset({"email", "index", "manifest"})


class DigestError(ValueError):
    """A week or slug that is not safe to use as a file name."""


def write_atomic(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_names(rendered: RenderedIssue) -> None:
    # week and slugs become paths: refuse anything that could climb out of the folder.
    if not WEEK_RE.match(rendered.week):
        raise DigestError(f"not an ISO week: {rendered.week!r}")
    for slug, _ in rendered.comparison_pages:
        if not SLUG_RE.match(slug) or slug in RESERVED or ".." in slug:
            raise DigestError(f"unsafe comparison slug: {slug!r}")


def manifest_of(rendered: RenderedIssue, files: list[str]) -> dict[str, Any]:
    return {
        "week": rendered.week,
        "subject": rendered.subject,
        "content_hash": rendered.content_hash,
        "files": sorted(files),
        "comparison_slugs": [slug for slug, _ in rendered.comparison_pages],
        "comparisons": [
            {"slug": slug, "title": _title_of(page)} for slug, page in rendered.comparison_pages
        ],
        "tokens": sorted(tokens_in(rendered.html) | tokens_in(rendered.text)),
        "html_bytes": len(rendered.html.encode("utf-8")),
    }


def _title_of(page: str) -> str:
    # Our comparison page's one <h1> is the title, escaped; the archive index re-escapes it.
    m = re.search(r"<h1>(.*?)</h1>", page, re.S)
    return html.unescape(m.group(1)) if m else ""


def write_digest(rendered: RenderedIssue, digests_dir: Path) -> Path:
    """Write the issue under digests_dir/<week>/ and return that folder."""
    _check_names(rendered)
    folder = digests_dir / rendered.week
    parts = {
        "email.html": rendered.html,
        "email.txt": rendered.text,
        "email.mjml": rendered.mjml,
        "index.html": rendered.web_html,
        **{f"{slug}.html": page for slug, page in rendered.comparison_pages},
    }
    for name, data in parts.items():
        write_atomic(folder / name, data)
    manifest = manifest_of(rendered, [*parts, MANIFEST])
    write_atomic(folder / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return folder


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    week: str
    subject: str
    url: str
    comparisons: tuple[tuple[str, str], ...]  # (title, url)


def archive_entries(
    digests_dir: Path, settings: Settings, weeks: Collection[str]
) -> list[ArchiveEntry]:
    """The issues of `weeks` (the sent ones: a draft's folder sits beside them) that have a
    readable manifest, newest week first."""
    entries: list[ArchiveEntry] = []
    if not digests_dir.is_dir():
        return entries
    for folder in digests_dir.iterdir():
        manifest = folder / MANIFEST
        if not (folder.name in weeks and WEEK_RE.match(folder.name) and manifest.is_file()):
            continue
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a damaged manifest hides one issue, never the whole archive
        week = folder.name
        comparisons = tuple(
            (str(c.get("title") or c.get("slug")), comparison_url(settings, week, str(c["slug"])))
            for c in data.get("comparisons", [])
            if isinstance(c, dict) and c.get("slug")
        )
        entries.append(
            ArchiveEntry(
                week, str(data.get("subject", week)), issue_url(settings, week), comparisons
            )
        )
    return sorted(entries, key=lambda e: e.week, reverse=True)


def write_archive_index(
    digests_dir: Path, weeks: Collection[str], settings: Settings | None = None
) -> Path:
    """(Re)write digests_dir/index.html, the archive ({base_url}/archive/) of the issues of
    `weeks`: the sent ones, so that a folder published as it is never lists a draft."""
    settings = settings or get_settings()
    page = (
        markup_env()
        .get_template(ARCHIVE_TEMPLATE)
        .render(
            entries=archive_entries(digests_dir, settings, weeks),
            links=links_for(settings, ""),
            brand=settings.from_name,
            postal_address=settings.postal_address,
        )
    )
    path = digests_dir / "index.html"
    write_atomic(path, page)
    return path
