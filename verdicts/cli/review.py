"""The editor's verbs: review, reject, edit, drop, swap, skip, cutoff, editor-hash, pairing-record,
candidates.

`approve` lives in cli/issues.py and goes through the same `verdicts.review.actions`.
"""

from __future__ import annotations

import getpass
from pathlib import Path

import typer

from verdicts.cli.common import one_line, settings, store
from verdicts.weeks import parse_week

EDITOR = typer.Option(None, "--editor", help="Who does it (recorded); default: your login name.")


def _week(week: str) -> str:
    parse_week(week)
    return week


def _who(editor: str | None) -> str:
    return editor or getpass.getuser()


@one_line
def review(
    week: str = typer.Argument(..., help="ISO week of the issue."),
    link: bool = typer.Option(False, "--link", help="Print a fresh single-use review link."),
    notify: bool = typer.Option(
        False, "--notify", help="Send the editor the test copy and notice."
    ),
) -> None:
    """What the editor decides on: state, preflight, pairs, source health, history, preview path."""
    from verdicts.review.links import review_url
    from verdicts.review.notice import notify_editor
    from verdicts.review.schedule import local
    from verdicts.review.summary import summarize

    cfg, st = settings(), store()
    s = summarize(st, cfg, _week(week))
    print(f"{s.week}  {s.state}  {s.subject}")
    print(
        f"  content {s.content_hash[:12]}"
        + (f", approved by {s.approved_by}" if s.approved_by else "")
    )
    print(
        f"  send slot {local(s.send_slot, cfg)}"
        + (f", cutoff {local(s.cutoff, cfg)}" if s.cutoff else "")
    )
    if s.stale:
        print("  the approval is stale: `verdicts approve` again to confirm it")
    print(f"  preflight {'ok' if s.preflight_ok else 'BLOCKED'}")
    for m in s.blocking:
        print(f"    blocking: {m}")
    for m in s.warnings:
        print(f"    warning:  {m}")
    print(f"  pairs ({len(s.ready)} ready{', a quiet week' if s.quiet else ''}):")
    # The reason under each pair: what the editor judges a pairing by before keeping it.
    for p in s.ready:
        print(f"    {p.pair_key}  {p.title}{'  (pinned)' if p.pinned else ''}")
        print(f"      why: {p.reason}")
    print(f"  awaiting the panel ({len(s.awaiting)}):")
    for p in s.awaiting:
        print(f"    {p.pair_key}  {p.title}")
        print(f"      why: {p.reason}")
    print("  sources:" + ("" if s.health else " none recorded for this week"))
    for h in s.health:
        errors = f"  ERRORS: {'; '.join(h.errors)}" if h.errors else ""
        print(f"    {h.source}: fetched {h.fetched}, parsed {h.parsed}, kept {h.kept}{errors}")
    print("  history:")
    for e in s.history:
        print(
            f"    {e.at:%Y-%m-%d %H:%M} {e.from_state or '-'} -> {e.to_state}  {e.actor}  {e.notes}"
        )
    print(f"  preview {s.preview}")
    if link:
        print(f"  review link {review_url(cfg, s.week)}")
    if notify:
        result = notify_editor(st, cfg, s.week, actor=getpass.getuser())
        print(
            f"  notice to {cfg.editor_email}: test {result.test_send.outcome}, notice {result.notice.outcome}"
        )


@one_line
def reject(
    week: str = typer.Argument(...),
    notes: str = typer.Option(..., "--notes", help="What to change before the redraft."),
    editor: str | None = EDITOR,
) -> None:
    """Send the draft back with notes; the next `verdicts draft` of the week redrafts it."""
    from verdicts.review.actions import reject_week

    reject_week(store(), _week(week), editor=_who(editor), notes=notes)
    print(f"rejected {week}: {notes}")


@one_line
def edit(
    week: str = typer.Argument(...),
    subject: str | None = typer.Option(None, "--subject"),
    intro: str | None = typer.Option(None, "--intro"),
    editor: str | None = EDITOR,
) -> None:
    """New subject and/or intro; re-renders, and an approved issue goes back to review."""
    from verdicts.review.actions import edit_week

    result = edit_week(
        store(), settings(), _week(week), editor=_who(editor), subject=subject, intro=intro
    )
    print(f"{week} re-rendered (content {result.content_hash[:12]}): in review, approve it again")


@one_line
def drop(
    week: str = typer.Argument(...),
    pair: str = typer.Argument(..., help="Pair key or slug (see `verdicts review WEEK`)."),
    notes: str = typer.Option("", "--notes"),
    never: bool = typer.Option(
        False, "--never", help="The two are not comparable: never pair them again, in any week."
    ),
    editor: str | None = EDITOR,
) -> None:
    """Drop a pair from the week's issue (kept out of every later draft of the week)."""
    from verdicts.review.actions import drop_pair

    result = drop_pair(
        store(), settings(), _week(week), pair, editor=_who(editor), notes=notes, never=never
    )
    again = "; never to be paired again" if never else ""
    print(f"dropped {pair}{again}: {result.comparisons} pair(s) left; in review, approve it again")


@one_line
def swap(
    week: str = typer.Argument(...),
    pair: str = typer.Argument(..., help="The pair to replace: key or slug."),
    a: str = typer.Argument(..., help="Tool name or key."),
    b: str = typer.Argument(..., help="Tool name or key."),
    editor: str | None = EDITOR,
) -> None:
    """Replace a pair with 'A vs B' (pinned for the week)."""
    from verdicts.review.actions import swap_pair

    result = swap_pair(store(), settings(), _week(week), pair, a, b, editor=_who(editor))
    print(
        f"swapped {pair} for {a} vs {b}: {result.comparisons} ready, {result.awaiting_panel} awaiting the panel"
    )


@one_line
def skip(
    week: str = typer.Argument(...),
    notes: str = typer.Option(..., "--notes", help="Why (e.g. 'quiet week')."),
    editor: str | None = EDITOR,
) -> None:
    """No issue this week; logged with why. Nothing is sent."""
    from verdicts.review.actions import skip_week

    skip_week(store(), _week(week), editor=_who(editor), notes=notes)
    print(f"skipped {week}: {notes}")


@one_line
def cutoff(week: str | None = typer.Option(None, "--week", help="Only this week.")) -> None:
    """Skip (and log) every issue not approved by its cutoff. Never sends anything."""
    from verdicts.review.actions import apply_cutoff

    skipped = apply_cutoff(store(), settings(), week=_week(week) if week else None)
    print(
        f"skipped past the cutoff: {', '.join(skipped)}" if skipped else "nothing past its cutoff"
    )


@one_line
def editor_hash(name: str = typer.Argument(..., help="The editor's name, as they log in.")) -> None:
    """Make a password hash for VERDICTS_EDITOR_ACCOUNTS (the password is read without echo)."""
    import json

    from verdicts.review.auth import hash_password

    password = getpass.getpass("password: ")
    if getpass.getpass("again: ") != password:
        raise ValueError("the two passwords differ")
    print(json.dumps({name: hash_password(password)}))


@one_line
def pairing_record(
    weeks: int = typer.Option(12, "--weeks", help="How many reviewed issues to look back over."),
    export: Path | None = typer.Option(
        None, "--export", help="Also write every judged pair as JSON lines (labels for pairing)."
    ),
) -> None:
    """How the automatic pairs fared with the editor: kept, dropped, and the share kept."""
    import json
    from dataclasses import asdict

    from verdicts.review.record import DROPPED, EDITOR, KEPT, pairing_record

    record = pairing_record(store(), weeks=weeks)
    if not record.weeks:
        print("no approved or sent issue yet: nothing the editor judged")
        return
    span = record.weeks[-1] + (f" to {record.weeks[0]}" if len(record.weeks) > 1 else "")
    print(f"pairing as the editor judged it: {len(record.weeks)} reviewed issue(s), {span}")
    share = record.kept_share
    print(
        f"  automatic pairs: {record.count(KEPT)} kept, {record.count(DROPPED)} dropped"
        + (f": {share:.0%} kept" if share is not None else "")
    )
    print(f"  the editor's own pairs (pins and swaps): {record.count(EDITOR)}")
    for p in record.pairs:
        if p.verdict == DROPPED:
            notes = f"; notes: {p.notes}" if p.notes else ""
            never = " (not comparable: never again)" if p.never else ""
            print(f"  dropped {p.week}  {p.a} vs {p.b}{never}\n      why: {p.reason}{notes}")
    if export is not None:
        with export.open("w", encoding="utf-8") as fh:
            for p in record.pairs:
                fh.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")
        print(f"  wrote {len(record.pairs)} judged pairs to {export}")


@one_line
def candidates(
    week: str = typer.Argument(..., help="ISO week of the issue."),
    tool: str = typer.Argument(..., help="Tool name or key."),
    limit: int = typer.Option(5, "--limit", help="How many to list."),
) -> None:
    """Who else TOOL could be compared with this week: the shortlist before `verdicts swap`."""
    from verdicts.review.candidates import candidates as shortlist

    target, found = shortlist(store(), settings(), _week(week), tool, limit=limit)
    if not found:
        print(f"no partner for {target.name} this week or in the catalog")
        return
    print(f"partners for {target.name} ({week}), best first:")
    for c in found:
        where = ("this week" if c.this_week else "catalog") + (
            ", its partner now" if c.current else ""
        )
        print(f"  {c.score:.2f}  {c.name}  [{where}]\n        {c.reason}")
