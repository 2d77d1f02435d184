"""The Prefect path: a link artifact, and the typed input form whose answer lands in the store."""

from __future__ import annotations

import asyncio

import pytest
from prefect import flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
from prefect.flow_runs import aresume_flow_run

from flows.approval import ReviewDecision, publish_review_link, wait_for_decision
from verdicts.settings import get_settings
from verdicts.store.issues import get_issue, history

from .conftest import WEEK

pytestmark = pytest.mark.prefect


@flow(name="review-gate-test")
async def gate(week: str, content_hash: str) -> str:
    await publish_review_link(week, get_settings())
    return await wait_for_decision(
        week, content_hash, get_settings(), timeout_s=120, poll_interval_s=1
    )


async def _answer(run_input: dict) -> str:
    """Run the gate, wait until Prefect shows it paused, answer the form, return the outcome."""
    running = asyncio.create_task(gate(WEEK, _answer.content_hash))  # type: ignore[attr-defined]
    async with get_client() as client:
        for _ in range(600):  # bounded: the flow pauses within a second or two here
            runs = await client.read_flow_runs()
            paused = [r for r in runs if r.state and r.state.is_paused()]
            if paused:
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the flow never paused")
        await aresume_flow_run(paused[0].id, run_input=run_input)
    return await running


def test_approved_defaults_to_false():
    assert ReviewDecision.model_fields["approved"].default is False
    assert ReviewDecision.model_fields["editor"].is_required()


async def test_form_approval_is_recorded_in_the_store(prefect_harness, drafted, store, settings):
    _answer.content_hash = drafted.content_hash  # type: ignore[attr-defined]
    outcome = await _answer({"approved": True, "editor": "Dana", "notes": "from the form"})
    assert outcome == "approved by Dana"
    with store.transaction() as s:
        issue = get_issue(s, WEEK)
        last = history(s, issue)[-1]
    assert issue.state == "approved" and issue.approved_hash == drafted.content_hash
    assert (last.actor, last.notes) == ("Dana", "from the form")
    async with get_client() as client:
        found = await client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[f"review-{WEEK.lower()}"]))
        )
    assert found and f"{settings.base_url}/review/" in str(found[0].data)


async def test_form_without_approval_decides_nothing_or_rejects(prefect_harness, drafted, store):
    _answer.content_hash = drafted.content_hash  # type: ignore[attr-defined]
    assert await _answer({"editor": "Dana"}) == "no decision: not approved, no notes"
    with store.transaction() as s:
        assert get_issue(s, WEEK).state == "draft"
    assert await _answer({"editor": "Dana", "notes": "weak lead"}) == "rejected by Dana"
    with store.transaction() as s:
        assert get_issue(s, WEEK).state == "rejected"
