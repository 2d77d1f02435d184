"""The send flow: refuses unless the issue is approved and unchanged, then drains its ledger."""

from __future__ import annotations

from prefect import flow, get_run_logger

from verdicts.deliver.drain import SendReport, send_issue
from verdicts.deliver.senders import sender_for
from verdicts.observability import final_state, log_summary, observe, send_record
from verdicts.settings import get_settings
from verdicts.store.db import open_store


@flow(name="send-issue")
def send_flow(week: str, actor: str = "send") -> SendReport:
    logger = get_run_logger()
    settings = get_settings()
    observe(settings, week)
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
    record = send_record(report)
    log_summary(logger, record)
    # Ambiguous deliveries complete under the state name "Ambiguous"; callers get the report.
    return final_state(record, report)
