"""Every request body we send is one SendGrid's own API description accepts.

Stoplight Prism serves tests/fixtures/sendgrid/tsg_mail_v3.yaml as a validating mock: a body
that breaks the schema (limits, required fields, types) gets a 4xx instead of a 202. The
description's one known defect (top-level custom_args typed as a string; the API takes an
object of strings) is patched in a temporary copy, as the fixture's README says.
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from pydantic import SecretStr

from verdicts.deliver.base import Batch, Envelope, Outcome, Recipient
from verdicts.deliver.sendgrid import SendGridSender
from verdicts.deliver.sendgrid_mail import build_mail
from verdicts.deliver.transactional import TransactionalMessage
from verdicts.links import expand_issue_links, reader_values

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
SPEC = ROOT / "tests" / "fixtures" / "sendgrid" / "tsg_mail_v3.yaml"

pytestmark = pytest.mark.skipif(
    not PRISM.exists(), reason="node_modules/.bin/prism is absent: run `npm install` at the root"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def prism(tmp_path_factory):
    spec = yaml.safe_load(SPEC.read_text("utf-8"))
    body = spec["components"]["requestBodies"]["PostMailSend"]["content"]["application/json"]
    body["schema"]["properties"]["custom_args"] = {
        "type": "object",
        "additionalProperties": {"type": "string"},
    }
    patched = tmp_path_factory.mktemp("prism") / "tsg_mail_v3.yaml"
    patched.write_text(yaml.safe_dump(spec, sort_keys=False), "utf-8")
    port = _free_port()
    proc = subprocess.Popen(
        [str(PRISM), "mock", "-h", "127.0.0.1", "-p", str(port), str(patched)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("prism did not start within 90 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


def _sender(url: str, **kw) -> SendGridSender:
    return SendGridSender(SecretStr("SG.conformance"), host=url, timeout_s=20, **kw)


def _batch(n: int, *, with_links: bool = True) -> Batch:
    html = (
        '<p>Hi -email-</p><a href="-vote_0_a-">A</a> <a href="-vote_0_b-">B</a>'
        '<a href="-unsubscribe_url-">Unsubscribe</a> <a href="-preferences_url-">Prefs</a>'
    )
    text = "Vote: -vote_0_a- / -vote_0_b-\nUnsubscribe: -unsubscribe_url-\n"
    base = "https://verdicts.example"
    html, text = expand_issue_links(html, text, base, "2026-W29")  # as a send does, once
    envelope = Envelope(
        "2026-W29",
        "ChatCut vs FableCut",
        html,
        text,
        "v@example.com",
        "V",
        "mailto:unsubscribe@example.com?subject=unsubscribe",
    )
    people = [
        Recipient(
            i + 1,
            i + 1,
            f"reader{i}@example.com",
            reader_values(
                base,
                "s",
                subscriber_id=i + 1,
                email=f"reader{i}@example.com",
                week="2026-W29",
                now=time.time(),
            )
            if with_links
            else {},
        )
        for i in range(n)
    ]
    return Batch("b" * 32, 7, envelope, people)


def test_an_issue_batch_with_every_feature_conforms(prism):
    result = _sender(prism, asm_group_id=42).send_batch(_batch(3))
    assert result.outcome == Outcome.ACCEPTED, result.detail
    assert result.detail == "202"


def test_a_full_batch_of_1000_and_sandbox_conform(prism):
    result = _sender(prism, sandbox=True).send_batch(_batch(1000))
    assert result.outcome == Outcome.ACCEPTED, result.detail


def test_transactional_mail_conforms(prism):
    message = TransactionalMessage(
        "new@example.com", "Confirm", "<p>Hi</p>", "Hi", "v@example.com", "V"
    )
    assert _sender(prism).send_transactional(message).outcome == Outcome.ACCEPTED


def test_the_mock_does_reject_what_sendgrid_rejects(prism):
    # The control: without it, a mock that accepted anything would pass every test above.
    too_many = build_mail(_batch(2)).get()
    too_many["personalizations"] = too_many["personalizations"] * 501  # 1002 of them
    result = _sender(prism).post(too_many)
    assert result.outcome == Outcome.REJECTED and result.detail.startswith(("400", "422"))
    no_to = build_mail(_batch(1)).get()
    del no_to["personalizations"][0]["to"]
    assert _sender(prism).post(no_to).outcome == Outcome.REJECTED
