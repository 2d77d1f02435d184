"""The editor's decision inside the weekly build: a link artifact to the review page, the notice,
and, when the build runs under a deployment, a typed Prefect input form.

Whatever the form says is recorded through `verdicts.review.actions` (the same functions as the
CLI and the review page), so the store holds the decision, never only the paused process. A
resume without input takes the defaults, and `approved` defaults to False: no silent approvals.
"""

from __future__ import annotations

from prefect import get_run_logger, task
from prefect.artifacts import acreate_link_artifact
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import FlowPauseTimeout
from prefect.flow_runs import apause_flow_run
from prefect.input import RunInput
from prefect.runtime import deployment
from pydantic import Field

from verdicts.review.actions import ReviewRefused, record_decision
from verdicts.review.links import review_url
from verdicts.review.notice import NoticeResult, notify_editor
from verdicts.settings import Settings, get_settings
from verdicts.store.db import open_store


class ReviewDecision(RunInput):
    """The form the editor fills in Prefect's UI to resume the paused build."""

    approved: bool = Field(False, description="Approve the draft exactly as rendered.")
    editor: str = Field(description="Your name: recorded with the decision.")
    notes: str = Field("", description="Why; required to reject (approved unticked).")


@task(cache_policy=NO_CACHE)
def notify_task(week: str) -> NoticeResult | None:
    """The notice never fails the build: a sender problem is logged and the draft stays."""
    settings = get_settings()
    try:
        return notify_editor(
            open_store(settings.sqlalchemy_url), settings, week, actor="weekly-build"
        )
    except (
        Exception
    ) as exc:  # the draft is stored either way; the editor can `verdicts review --notify`
        get_run_logger().warning("editor notice for %s not sent: %s", week, exc)
        return None


async def publish_review_link(week: str, settings: Settings) -> str:
    """A link artifact to the review page (a fresh single-use link; login still required)."""
    url = review_url(settings, week)
    await acreate_link_artifact(
        key=f"review-{week.lower()}",
        link=url,
        link_text=f"Review the {week} draft",
        description="Editor login required; the link works once and expires.",
    )
    return url


def under_deployment() -> bool:
    return deployment.get_id() is not None


async def wait_for_decision(
    week: str, content_hash: str, settings: Settings, *, timeout_s: int, poll_interval_s: int = 10
) -> str:
    """Pause for the form, then record the answer in the store. Returns what happened."""
    logger = get_run_logger()
    try:
        decision = await apause_flow_run(
            wait_for_input=ReviewDecision.with_initial_data(
                description=f"Decide on the {week} draft (content {content_hash[:12]})."
            ),
            timeout=timeout_s,
            poll_interval=poll_interval_s,
            key=f"review-{week.lower()}",
        )
    except FlowPauseTimeout:
        logger.info("no decision in the form for %s: the review page and CLI still work", week)
        return "no decision (form timed out)"
    store = open_store(settings.sqlalchemy_url)
    try:
        outcome = record_decision(
            store,
            settings,
            week,
            approved=decision.approved,
            editor=decision.editor,
            notes=decision.notes,
            expected_hash=content_hash,
        )
    except (ReviewRefused, ValueError) as exc:
        outcome = f"refused: {exc}"
    logger.info("review form for %s: %s", week, outcome)
    return outcome
