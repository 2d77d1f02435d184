"""The SendGrid sender: one v3 mail/send request per batch of up to 1000 recipients.

The `sendgrid` client is synchronous (urllib) with no timeout of its own and no retries, so it
runs in the drain's worker threads (one client per thread: it keeps per-call state), always
with a timeout, and its failures are sorted here into what the drain can act on:

- 2xx: accepted. 429: refused, retry when X-RateLimit-Reset says. 5xx, or the connection could
  not be made or the request not written: refused, retry with backoff (SendGrid has nothing).
- other 4xx: rejected, with SendGrid's own error messages; the send stops.
- the request was written but no answer came (timeout, connection dropped): ambiguous. SendGrid
  may have accepted it, so it is never resent without the operator's decision.

The API key is a SecretStr until the moment a client is built; it is in no repr, message or
log line (the HTTP library's debug log prints request headers, so those lines are filtered).
"""

from __future__ import annotations

import http.client
import json
import logging
import threading
import time
import urllib.error
import uuid
from collections.abc import Callable, Sequence

from pydantic import SecretStr
from python_http_client.exceptions import HTTPError, TooManyRequestsError
from sendgrid import SendGridAPIClient

from verdicts.deliver.base import (
    Batch,
    BatchResult,
    Outcome,
    TransactionalLike,
    one_off_batch,
)
from verdicts.deliver.sendgrid_mail import BodyError, build_mail

MAX_RESET_WAIT_S = 900.0
DEFAULT_429_WAIT_S = 5.0


def _no_secret_debug(record: logging.LogRecord) -> bool:
    # python_http_client logs "HEADERS: {...Authorization: Bearer <key>...}" and the whole
    # payload (every subscriber's address) at DEBUG; neither belongs in our logs.
    message = str(record.msg)
    return not message.startswith(("HEADERS", "PAYLOAD"))


logging.getLogger("python_http_client.client").addFilter(_no_secret_debug)


def sendgrid_errors(body: bytes | str | None, limit: int = 600) -> str:
    """SendGrid's error messages from a response body, as one line."""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    try:
        errors = json.loads(body or "")["errors"]
        parts = [
            f"{e.get('field')}: {e.get('message')}" if e.get("field") else str(e.get("message"))
            for e in errors
        ]
        text = "; ".join(parts)
    except (ValueError, KeyError, TypeError, AttributeError):
        text = (body or "").strip()
    return " ".join(text.split())[:limit]


def wait_for_reset(headers: object, now: float) -> float:
    """Seconds until X-RateLimit-Reset (an epoch time), bounded; a default when absent."""
    try:
        reset = float(headers.get("X-RateLimit-Reset"))  # type: ignore[attr-defined]
    except (AttributeError, TypeError, ValueError):
        return DEFAULT_429_WAIT_S
    return min(MAX_RESET_WAIT_S, max(0.0, reset - now))


class SendGridSender:
    name = "sendgrid"
    batch_size = 1000

    def __init__(
        self,
        api_key: SecretStr,
        *,
        host: str = "https://api.sendgrid.com",
        timeout_s: float = 30.0,
        concurrency: int = 4,
        max_rps: float = 0.0,
        asm_group_id: int | None = None,
        sandbox: bool = False,
        batch_size: int = 1000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not isinstance(api_key, SecretStr) or not api_key.get_secret_value():
            raise ValueError("sender=sendgrid needs SENDGRID_API_KEY")
        self._api_key = api_key
        self.host = host.rstrip("/")
        self.timeout_s = timeout_s
        self.concurrency = concurrency
        self.max_rps = max_rps
        self.asm_group_id = asm_group_id
        self.sandbox = sandbox
        self.batch_size = max(1, min(1000, batch_size))
        self._clock = clock
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"SendGridSender(host={self.host!r}, sandbox={self.sandbox}, key=**********)"

    def __getstate__(self) -> dict[str, object]:
        # Thread-local clients do not travel (pickling for a worker process); the key does.
        state = dict(self.__dict__)
        state.pop("_local", None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._local = threading.local()

    def _client(self) -> SendGridAPIClient:
        client = getattr(self._local, "client", None)
        if client is None:
            client = SendGridAPIClient(self._api_key.get_secret_value(), host=self.host)
            self._local.client = client
        return client

    def send_batch(self, batch: Batch) -> BatchResult:
        try:
            body = build_mail(batch, asm_group_id=self.asm_group_id, sandbox=self.sandbox).get()
        except BodyError as exc:
            return BatchResult(Outcome.REJECTED, f"not sent: {exc}")
        return self.post(body)

    def send_transactional(self, message: TransactionalLike) -> BatchResult:
        """One message to one address (a confirmation, an editor notice): one personalization,
        the message's kind as category, no List-Unsubscribe, no ledger."""
        batch_id = f"{message.kind}-{uuid.uuid4().hex}"
        return self.send_batch(one_off_batch(message, week=message.kind, batch_id=batch_id))

    def post(self, body: dict[str, object]) -> BatchResult:
        """POST /v3/mail/send and sort the outcome (see the module docstring)."""
        try:
            response = self._client().client.mail.send.post(
                request_body=body, timeout=self.timeout_s
            )
        except TooManyRequestsError as exc:
            wait = wait_for_reset(exc.headers, self._clock())
            return BatchResult(Outcome.REFUSED, "429 Too Many Requests", retry_after_s=wait)
        except HTTPError as exc:
            status = int(getattr(exc, "status_code", 0) or 0)
            detail = f"{status} {getattr(exc, 'reason', '')}: {sendgrid_errors(exc.body)}"
            if status >= 500:
                return BatchResult(Outcome.REFUSED, detail)
            return BatchResult(Outcome.REJECTED, detail)
        except urllib.error.URLError as exc:
            # Raised while connecting or writing the request: SendGrid cannot have a whole one.
            return BatchResult(Outcome.REFUSED, f"could not reach SendGrid: {exc.reason}")
        except (TimeoutError, http.client.HTTPException, OSError) as exc:
            # Raised after the request was written, while waiting for or reading the answer.
            kind = type(exc).__name__
            return BatchResult(
                Outcome.AMBIGUOUS, f"no answer from SendGrid after the request was sent ({kind})"
            )
        message_id = ""
        if response.headers is not None:
            message_id = response.headers.get("X-Message-Id", "") or ""
        return BatchResult(Outcome.ACCEPTED, f"{response.status_code}", message_id=message_id)

    def reconcile(self, issue_week: str, delivery_ids: Sequence[int]) -> set[int]:
        # SendGrid's API cannot say whether a request we lost the answer to was accepted (the
        # Email Activity API is a paid add-on and eventually consistent): the operator decides,
        # helped by the batch id we sent as a custom arg and by the Event Webhook.
        return set()
