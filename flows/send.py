"""The send flow: refuses unless the issue is approved and unchanged, then drains its ledger."""

from __future__ import annotations

from prefect import flow, get_run_logger

from verdicts.deliver.drain import SendReport, send_issue
from verdicts.deliver.senders import sender_for
from verdicts.settings import get_settings
from verdicts.store.db import open_store


@flow(name="send-issue")
def send_flow(week: str, actor: str = "send") -> SendReport:
    logger = get_run_logger()
    settings = get_settings()
    store = open_store(settings.sqlalchemy_url)
    report = send_issue(store, week, sender_for(settings), settings, actor=actor)
    logger.info(
        "send %s via %s: %d sent now, %d skipped, %d ambiguous",
        week,
        report.sender,
        report.sent_now,
        report.skipped,
        report.ambiguous,
    )
    return report
