"""The review page's forms as actions: one posted form, one call into `verdicts.review.actions`.

Kept apart from the web handlers so the mapping is plain code over strings (the handler has
already checked the session, the CSRF token, the origin and the single-use link).
"""

from __future__ import annotations

from verdicts.review import actions
from verdicts.review.notice import send_test
from verdicts.review.summary import summarize
from verdicts.settings import Settings
from verdicts.store.db import Store


def act_on_form(
    store: Store, settings: Settings, week: str, editor: str, form: dict[str, str]
) -> None:
    """One review-page form, posted by a logged-in editor, as the matching action."""
    action = form.get("action", "")
    if action == "approve":
        actions.approve_week(
            store,
            settings,
            week,
            editor=editor,
            notes=form.get("notes", ""),
            expected_hash=form.get("content_hash", ""),
        )
    elif action == "reject":
        actions.reject_week(store, week, editor=editor, notes=form.get("notes", ""))
    elif action == "skip":
        actions.skip_week(store, week, editor=editor, notes=form.get("notes", ""))
    elif action == "edit":
        summary = summarize(store, settings, week)
        subject = form.get("subject")
        intro = form.get("intro")
        actions.edit_week(
            store,
            settings,
            week,
            editor=editor,
            subject=subject if subject is not None and subject.strip() != summary.subject else None,
            intro=intro
            if intro is not None and " ".join(intro.split()) != " ".join(summary.intro.split())
            else None,
        )
    elif action == "drop":
        actions.drop_pair(
            store,
            settings,
            week,
            form.get("pair", ""),
            editor=editor,
            notes=form.get("notes", ""),
            never=form.get("never") == "1",
        )
    elif action == "swap":
        actions.swap_pair(
            store,
            settings,
            week,
            form.get("pair", ""),
            form.get("a", ""),
            form.get("b", ""),
            editor=editor,
        )
    elif action == "resend":
        send_test(store, settings, week, actor=editor)
    else:
        raise ValueError("unknown action")
