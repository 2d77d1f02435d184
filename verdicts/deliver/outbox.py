"""The outbox sender: writes each message as an .eml file instead of sending it.

The default on a fresh machine and in the demo: the whole pipeline runs without a provider, and
the files are real RFC 5322 messages any mail client opens. Writes are atomic (temp file, then
rename), so a crash never leaves half a message, and reconcile can trust what it finds.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from verdicts.deliver.base import Batch, BatchResult, Outcome
from verdicts.deliver.message import build_message

_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]")


class OutboxSender:
    name = "outbox"
    batch_size = 500

    def __init__(self, root: Path, *, domain: str = "verdicts.local") -> None:
        self.root = root
        self.domain = domain

    def _path(self, week: str, delivery_id: int, email: str = "") -> Path:
        safe = _UNSAFE.sub("_", email)[:80]
        return self.root / week / f"{delivery_id:08d}-{safe}.eml"

    def send_batch(self, batch: Batch) -> BatchResult:
        folder = self.root / batch.envelope.week
        folder.mkdir(parents=True, exist_ok=True)
        written: list[int] = []
        try:
            for r in batch.recipients:
                target = self._path(batch.envelope.week, r.delivery_id, r.email)
                message = build_message(batch.envelope, r, domain=self.domain)
                tmp = target.with_suffix(".tmp")
                tmp.write_bytes(bytes(message))
                os.replace(tmp, target)
                written.append(r.delivery_id)
        except OSError as exc:
            # The files already written did go out: report them, retry the rest.
            return BatchResult(
                Outcome.REFUSED, f"outbox write failed: {exc}", delivered_ids=tuple(written)
            )
        return BatchResult(Outcome.ACCEPTED, f"{len(written)} files", delivered_ids=tuple(written))

    def reconcile(self, issue_week: str, delivery_ids: Sequence[int]) -> set[int]:
        folder = self.root / issue_week
        if not folder.is_dir():
            return set()
        present = {int(p.name.split("-", 1)[0]) for p in folder.glob("*.eml")}
        return present & set(delivery_ids)
