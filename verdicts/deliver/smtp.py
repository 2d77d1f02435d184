"""The SMTP sender, for self-hosters: one RFC 5322 message per recipient over a kept-open connection.

A batch is one recipient by default, so each ledger row is settled by its own SMTP answer and an
outcome is never shared between people. The failure sorting follows the SMTP dialogue:

- anything before DATA (connect, MAIL FROM, RCPT TO) that fails is a clear refusal: the server
  cannot have a message, so the drain retries it later; a 5xx to RCPT TO is that address's
  permanent failure (the send goes on); a 5xx to MAIL FROM or to the message is a rejection that
  stops the send (every message would fare the same);
- a connection lost or timed out during DATA is ambiguous: the server may have queued the
  message before the answer was lost, so it is not resent without the operator's decision.
"""

from __future__ import annotations

import contextlib
import smtplib
import threading
from collections.abc import Sequence
from email import policy

from pydantic import SecretStr

from verdicts.deliver.base import Batch, BatchResult, Outcome, TransactionalLike
from verdicts.deliver.message import build_message


class _Refused(Exception):
    def __init__(self, outcome: Outcome, detail: str) -> None:
        super().__init__(detail)
        self.outcome, self.detail = outcome, detail


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}"[:500]


class SMTPSender:
    name = "smtp"

    def __init__(
        self,
        host: str,
        port: int,
        *,
        domain: str = "verdicts.local",
        timeout_s: float = 30.0,
        starttls: bool = False,
        username: str | None = None,
        password: SecretStr | None = None,
        concurrency: int = 1,
        max_rps: float = 0.0,
        batch_size: int = 1,
    ) -> None:
        self.host, self.port, self.domain = host, port, domain
        self.timeout_s, self.starttls = timeout_s, starttls
        self.username, self._password = username, password
        self.concurrency, self.max_rps, self.batch_size = concurrency, max_rps, batch_size
        self._local = threading.local()
        self._open: list[smtplib.SMTP] = []
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SMTPSender(host={self.host!r}, port={self.port}, user={self.username!r})"

    def _connect(self) -> smtplib.SMTP:
        try:
            conn = smtplib.SMTP(
                self.host, self.port, local_hostname=self.domain, timeout=self.timeout_s
            )
            conn.ehlo_or_helo_if_needed()
            if self.starttls:
                conn.starttls()
                conn.ehlo()
            if self.username and self._password is not None:
                conn.login(self.username, self._password.get_secret_value())
        except smtplib.SMTPAuthenticationError as exc:
            raise _Refused(Outcome.REJECTED, f"SMTP login refused: {exc.smtp_code}") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise _Refused(Outcome.REFUSED, f"could not reach SMTP server: {exc}") from None
        with self._lock:
            self._open.append(conn)
        self._local.conn = conn
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()

    def _mail_from(self, sender: str) -> smtplib.SMTP:
        """MAIL FROM on a live connection: a kept-open one the server dropped is reopened once."""
        conn = getattr(self._local, "conn", None)
        for attempt in range(2):
            if conn is None:
                conn = self._connect()
            try:
                code, text = conn.mail(sender)
            except (OSError, smtplib.SMTPServerDisconnected) as exc:
                self._drop()
                conn = None
                if attempt:
                    raise _Refused(Outcome.REFUSED, f"SMTP connection lost: {exc}") from None
                continue
            if code >= 500:
                raise _Refused(Outcome.REJECTED, f"sender refused: {_reply(code, text)}")
            if code >= 400:
                conn.rset()
                raise _Refused(Outcome.REFUSED, f"sender deferred: {_reply(code, text)}")
            return conn
        raise AssertionError("unreachable")

    def _send_one(self, sender: str, to: str, data: bytes) -> str | None:
        """None when accepted; the reply text when this one address failed for good."""
        conn = self._mail_from(sender)
        try:
            code, text = conn.rcpt(to)
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self._drop()
            raise _Refused(Outcome.REFUSED, f"SMTP connection lost: {exc}") from None
        if code >= 400:
            conn.rset()
            if code >= 500:
                return _reply(code, text)
            raise _Refused(Outcome.REFUSED, f"recipient deferred: {_reply(code, text)}")
        try:
            conn.data(data)
        except smtplib.SMTPDataError as exc:
            conn.rset()
            kind = Outcome.REJECTED if exc.smtp_code >= 500 else Outcome.REFUSED
            raise _Refused(
                kind, f"message refused: {_reply(exc.smtp_code, exc.smtp_error)}"
            ) from None
        except (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException) as exc:
            self._drop()
            raise _Refused(
                Outcome.AMBIGUOUS, f"connection lost while the message was sent: {exc}"
            ) from None
        return None

    def send_batch(self, batch: Batch) -> BatchResult:
        delivered: list[int] = []
        failed: list[int] = []
        details: list[str] = []
        for r in batch.recipients:
            message = build_message(batch.envelope, r, domain=self.domain)
            data = message.as_bytes(policy=policy.SMTP)
            try:
                problem = self._send_one(batch.envelope.from_email, r.email, data)
            except _Refused as exc:
                return BatchResult(
                    exc.outcome,
                    exc.detail,
                    delivered_ids=tuple(delivered),
                    failed_ids=tuple(failed),
                )
            if problem is None:
                delivered.append(r.delivery_id)
            else:
                failed.append(r.delivery_id)
                details.append(f"{r.email}: {problem}")
        return BatchResult(
            Outcome.ACCEPTED,
            "; ".join(details)[:2000] or f"{len(delivered)} sent",
            delivered_ids=tuple(delivered),
            failed_ids=tuple(failed),
        )

    def send_transactional(self, message: TransactionalLike) -> BatchResult:
        """One message to one address (a confirmation, an editor notice): no ledger."""
        from verdicts.deliver.transactional import build_transactional

        data = build_transactional(message, domain=self.domain).as_bytes(policy=policy.SMTP)  # type: ignore[arg-type]
        try:
            problem = self._send_one(message.from_email, message.to, data)
        except _Refused as exc:
            return BatchResult(exc.outcome, exc.detail)
        if problem is not None:
            return BatchResult(Outcome.REJECTED, f"{message.to}: {problem}")
        return BatchResult(Outcome.ACCEPTED, "1 sent")

    def reconcile(self, issue_week: str, delivery_ids: Sequence[int]) -> set[int]:
        return set()  # an SMTP server keeps no record we could ask

    def close(self) -> None:
        with self._lock:
            conns, self._open = self._open, []
        for conn in conns:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                conn.close()
