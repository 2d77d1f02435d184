"""Reviewers and verdicts in the store: the import of a validated panel file, and the reads."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from verdicts.models import Reviewer, Tool, Verdict
from verdicts.panel.load import PanelFile, PanelFileError
from verdicts.store.schema import ReviewerRow, ToolRow, VerdictRow
from verdicts.store.tools import find_tool, upsert_tool


@dataclass
class ImportReport:
    reviewers: int = 0
    tools: int = 0
    verdicts_added: int = 0
    verdicts_updated: int = 0
    new_tool_names: list[str] = field(default_factory=list)  # verdicts naming unseen tools


def import_panel(session: Session, panel: PanelFile) -> ImportReport:
    """Write a whole panel file. The caller's transaction makes it all-or-nothing."""
    from verdicts.resolve import tool_key

    report = ImportReport()
    existing = {r.key: r for r in session.scalars(select(ReviewerRow))}
    for position, rev in enumerate(panel.reviewers):
        reviewer_row = existing.get(rev.key) or ReviewerRow(key=rev.key)
        reviewer_row.name, reviewer_row.lens, reviewer_row.position = rev.name, rev.lens, position
        session.add(reviewer_row)
        existing[rev.key] = reviewer_row
        report.reviewers += 1
    session.flush()
    for t in panel.tools:
        tool = Tool(
            key=tool_key(t.name),
            name=t.name,
            url=t.url,
            tagline=t.tagline,
            description=t.description,
            category=t.category,
            tags=tuple(t.tags),
            vendor=t.vendor,
            pricing=t.pricing,
            license=t.license,
            aliases=tuple(t.aliases),
        )
        found = find_tool(session, t.name)
        if found is not None and found.key != tool.key:
            tool = dataclasses.replace(tool, key=found.key)
        upsert_tool(session, tool, in_catalog=True)
        report.tools += 1
    for line_no, v in enumerate(panel.verdicts, start=1):
        reviewer = existing.get(v.reviewer)
        if reviewer is None:
            raise PanelFileError(
                f"{panel.path}: verdict {line_no} names reviewer {v.reviewer!r}, "
                "who is neither in the file nor in the store"
            )
        tool_row = find_tool(session, v.tool)
        if tool_row is None:
            # The panel may judge a tool before any source lists it: keep the name, and let the
            # resolver match the launch to it by alias when it appears. Listed for the editor.
            tool_row = upsert_tool(session, Tool(key=tool_key(v.tool), name=v.tool, url=""))
            report.new_tool_names.append(v.tool)
        verdict_row = session.scalar(
            select(VerdictRow).where(
                VerdictRow.reviewer_id == reviewer.id, VerdictRow.tool_id == tool_row.id
            )
        )
        if verdict_row is None:
            verdict_row = VerdictRow(reviewer_id=reviewer.id, tool_id=tool_row.id)
            session.add(verdict_row)
            report.verdicts_added += 1
        else:
            report.verdicts_updated += 1
        verdict_row.ship = v.verdict == "ship"
        verdict_row.paragraph, verdict_row.judged_on = v.paragraph, v.judged_on
        verdict_row.price_judged, verdict_row.imported_from = v.price, panel.path[-300:]
    session.flush()
    return report


def reviewers(session: Session) -> list[Reviewer]:
    rows = session.scalars(select(ReviewerRow).order_by(ReviewerRow.position, ReviewerRow.id))
    return [Reviewer(r.key, r.name, r.lens) for r in rows]


def verdicts_by_tool(session: Session, tool_keys: Iterable[str]) -> dict[str, list[Verdict]]:
    """Verdicts per tool key, in the panel's order."""
    keys = list(set(tool_keys))
    out: dict[str, list[Verdict]] = defaultdict(list)
    if not keys:
        return out
    rows = session.execute(
        select(VerdictRow, ReviewerRow, ToolRow.key)
        .join(ReviewerRow, VerdictRow.reviewer_id == ReviewerRow.id)
        .join(ToolRow, VerdictRow.tool_id == ToolRow.id)
        .where(ToolRow.key.in_(keys))
        .order_by(ReviewerRow.position, ReviewerRow.id)
    )
    for verdict, reviewer, key in rows:
        out[key].append(
            Verdict(
                reviewer=Reviewer(reviewer.key, reviewer.name, reviewer.lens),
                tool_key=key,
                ship=verdict.ship,
                paragraph=verdict.paragraph,
                judged_on=verdict.judged_on,
                price_judged=verdict.price_judged,
            )
        )
    return out
