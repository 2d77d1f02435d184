"""Tools, their aliases and sightings in the store, and the editor's reversible merges."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdicts.models import Launch, Tool
from verdicts.store.schema import AliasRow, SightingRow, ToolMergeRow, ToolRow, utcnow


class ToolNotFound(LookupError):
    pass


def _launch(row: SightingRow) -> Launch:
    return Launch(
        name=row.name,
        url=row.url,
        source=row.source,
        external_id=row.external_id,
        launched_at=row.launched_at,
        tagline=row.tagline,
        description=row.description,
        category=row.category,
        tags=tuple(row.tags or ()),
        score=row.score,
        pricing=row.pricing,
        license=row.license,
        vendor=row.vendor,
        discussion_url=row.discussion_url,
    )


def to_tool(session: Session, row: ToolRow, *, is_new: bool = False) -> Tool:
    aliases = session.scalars(select(AliasRow.alias).where(AliasRow.tool_id == row.id)).all()
    sightings = session.scalars(select(SightingRow).where(SightingRow.tool_id == row.id)).all()
    return Tool(
        key=row.key,
        name=row.name,
        url=row.url,
        tagline=row.tagline,
        description=row.description,
        category=row.category,
        tags=tuple(row.tags or ()),
        vendor=row.vendor,
        pricing=row.pricing,
        license=row.license,
        aliases=tuple(sorted(aliases)),
        sightings=tuple(_launch(s) for s in sightings),
        first_seen=row.first_seen,
        is_new=is_new,
    )


def tool_row(session: Session, key: str) -> ToolRow:
    row = session.scalar(select(ToolRow).where(ToolRow.key == key))
    if row is None:
        raise ToolNotFound(f"no tool with key {key!r}")
    return row


def find_tool(session: Session, name_or_key: str) -> ToolRow | None:
    """By key, then by normalised alias, following merges to the surviving tool."""
    from verdicts.resolve import normalise_name, tool_key

    row = session.scalar(select(ToolRow).where(ToolRow.key == name_or_key))
    if row is None:
        row = session.scalar(select(ToolRow).where(ToolRow.key == tool_key(name_or_key)))
    if row is None:
        alias = session.scalar(
            select(AliasRow).where(AliasRow.alias == normalise_name(name_or_key))
        )
        row = session.get(ToolRow, alias.tool_id) if alias else None
    while row is not None and row.merged_into_id is not None:
        row = session.get(ToolRow, row.merged_into_id)
    return row


def known_tools(session: Session) -> list[Tool]:
    """Every live tool (not merged away): what resolve matches new launches against."""
    rows = session.scalars(select(ToolRow).where(ToolRow.merged_into_id.is_(None))).all()
    return [to_tool(session, r) for r in rows]


def catalog_tools(session: Session) -> list[Tool]:
    rows = session.scalars(
        select(ToolRow).where(ToolRow.in_catalog.is_(True), ToolRow.merged_into_id.is_(None))
    ).all()
    return [to_tool(session, r) for r in rows]


def _add_aliases(session: Session, row: ToolRow, aliases: Iterable[str]) -> None:
    from verdicts.resolve import normalise_name

    for alias in {normalise_name(a) for a in aliases if a.strip()}:
        existing = session.scalar(select(AliasRow).where(AliasRow.alias == alias))
        if existing is None:
            session.add(AliasRow(tool_id=row.id, alias=alias))


def upsert_tool(session: Session, tool: Tool, *, in_catalog: bool = False) -> ToolRow:
    """Insert or refresh a tool and its sightings. Sightings are unique per (source, external id)."""
    row = session.scalar(select(ToolRow).where(ToolRow.key == tool.key))
    if row is None:
        row = ToolRow(key=tool.key, name=tool.name, first_seen=tool.first_seen or utcnow())
        session.add(row)
    for attr in ("url", "tagline", "description", "category", "vendor", "pricing", "license"):
        value = getattr(tool, attr)
        if value:  # a later sighting with less detail never blanks what we knew
            setattr(row, attr, value)
    if tool.tags:
        row.tags = sorted(set(row.tags or ()) | set(tool.tags))
    row.in_catalog = row.in_catalog or in_catalog
    session.flush()
    _add_aliases(session, row, (tool.name, *tool.aliases))
    now = utcnow()
    for s in tool.sightings:
        sighting = session.scalar(
            select(SightingRow).where(
                SightingRow.source == s.source, SightingRow.external_id == s.external_id
            )
        )
        if sighting is None:
            sighting = SightingRow(source=s.source, external_id=s.external_id, first_seen_at=now)
            session.add(sighting)
        sighting.tool_id = row.id
        sighting.name, sighting.url, sighting.launched_at = s.name, s.url, s.launched_at
        sighting.tagline, sighting.description, sighting.category = (
            s.tagline,
            s.description,
            s.category,
        )
        sighting.tags, sighting.score, sighting.pricing = list(s.tags), s.score, s.pricing
        sighting.license, sighting.vendor = s.license, s.vendor
        sighting.discussion_url, sighting.last_seen_at = s.discussion_url, now
    session.flush()
    return row


def merge_tools(session: Session, from_key: str, into_key: str, *, editor: str) -> ToolMergeRow:
    """Fold one tool into another (the same product seen under two names). Reversible."""
    src, dst = tool_row(session, from_key), tool_row(session, into_key)
    if src.id == dst.id or src.merged_into_id is not None:
        raise ValueError(f"{from_key!r} cannot be merged into {into_key!r}")
    sightings = session.scalars(select(SightingRow).where(SightingRow.tool_id == src.id)).all()
    aliases = session.scalars(select(AliasRow).where(AliasRow.tool_id == src.id)).all()
    for s in sightings:
        s.tool_id = dst.id
    for a in aliases:
        a.tool_id = dst.id
    src.merged_into_id = dst.id
    merge = ToolMergeRow(
        from_tool_id=src.id,
        into_tool_id=dst.id,
        moved_sighting_ids=[s.id for s in sightings],
        moved_alias_ids=[a.id for a in aliases],
        editor=editor,
    )
    session.add(merge)
    session.flush()
    return merge


def split_tool(session: Session, from_key: str, *, editor: str) -> ToolMergeRow:
    """Undo the latest merge of `from_key`: its sightings and aliases go back to it."""
    src = tool_row(session, from_key)
    merge = session.scalar(
        select(ToolMergeRow)
        .where(ToolMergeRow.from_tool_id == src.id, ToolMergeRow.undone_at.is_(None))
        .order_by(ToolMergeRow.id.desc())
    )
    if merge is None:
        raise ValueError(f"{from_key!r} was not merged into anything")
    for s in session.scalars(
        select(SightingRow).where(SightingRow.id.in_(merge.moved_sighting_ids))
    ):
        s.tool_id = src.id
    for a in session.scalars(select(AliasRow).where(AliasRow.id.in_(merge.moved_alias_ids))):
        a.tool_id = src.id
    src.merged_into_id = None
    merge.undone_at = utcnow()
    session.flush()
    return merge


def first_seen_before(session: Session, key: str, moment: datetime) -> bool:
    row = session.scalar(select(ToolRow).where(ToolRow.key == key))
    return bool(row and row.first_seen and row.first_seen < moment)
