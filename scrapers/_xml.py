"""RSS 2.0 and Atom 1.0 reading, shared by every feed-shaped source (PH, Reddit RSS, vendor blogs).

lxml parses with entities and network access off: a feed is untrusted input.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from scrapers.errors import ParseError

ATOM = "{http://www.w3.org/2005/Atom}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    link: str
    published: str
    updated: str
    summary: str  # HTML or text, as the feed holds it
    categories: tuple[str, ...]
    author: str


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(el: etree._Element, *names: str) -> str:
    for child in el:
        if _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return ""


def _atom_link(entry: etree._Element) -> str:
    links = [c for c in entry if _local(c.tag) == "link"]
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link.get("href"))
    return str(links[0].get("href", "")) if links else ""


def _rss_entry(item: etree._Element) -> Entry:
    link = _child_text(item, "link")
    guid = _child_text(item, "guid")
    return Entry(
        id=guid or link,
        title=_child_text(item, "title"),
        link=link or (guid if guid.startswith("http") else ""),
        published=_child_text(item, "pubDate", "date", "published"),
        updated=_child_text(item, "updated", "lastBuildDate"),
        summary=_child_text(item, "encoded", "description", "summary"),
        categories=tuple(
            c.text.strip()
            for c in item
            if _local(c.tag) == "category" and c.text and c.text.strip()
        ),
        author=_child_text(item, "creator", "author"),
    )


def _atom_entry(entry: etree._Element) -> Entry:
    author = next((a for a in entry if _local(a.tag) == "author"), None)
    return Entry(
        id=_child_text(entry, "id"),
        title=_child_text(entry, "title"),
        link=_atom_link(entry),
        published=_child_text(entry, "published", "issued"),
        updated=_child_text(entry, "updated", "modified"),
        summary=_child_text(entry, "content", "summary"),
        categories=tuple(
            str(c.get("label") or c.get("term"))
            for c in entry
            if _local(c.tag) == "category" and (c.get("term") or c.get("label"))
        ),
        author=_child_text(author, "name") if author is not None else "",
    )


def read_feed(body: bytes, source: str) -> list[Entry]:
    """Entries of an RSS or Atom document; a ParseError when it is neither (or broken)."""
    try:
        root = etree.fromstring(body, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(source, f"the feed is not well-formed XML (truncated?): {exc}") from None
    kind = _local(root.tag)
    if kind == "feed":
        return [_atom_entry(e) for e in root if _local(e.tag) == "entry"]
    if kind in ("rss", "RDF"):
        return [_rss_entry(i) for i in root.iter() if _local(i.tag) == "item"]
    raise ParseError(source, f"found 0 items in {source}: <{kind}> is neither RSS nor Atom")
