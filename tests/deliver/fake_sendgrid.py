"""A fake SendGrid v3 mail/send API on 127.0.0.1 that records what it accepts and misbehaves on cue.

It runs an aiohttp app on its own event loop in a background thread, because the sender under
test is synchronous (as the real `sendgrid` client is). Behaviours for the next requests are
queued with `cue(...)`; once the queue is empty every request is accepted after `latency_s`.

Cues: "ok"; ("429", reset_in_s); ("500",); ("400", message); ("slow", seconds) answers 202
after a delay, having recorded the request first (an accepted send whose answer may come too
late); ("drop",) closes the connection before recording (nothing was accepted);
("accept-drop",) records, then closes without an answer (accepted, but the client cannot know).
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

API_KEY = "SG.fake-test-key-0123456789"


@dataclass
class Accepted:
    email: str
    batch: str
    substitutions: dict[str, str]
    headers: dict[str, str]


@dataclass
class Record:
    requests: int = 0
    bodies: list[dict[str, Any]] = field(default_factory=list)
    accepted: list[Accepted] = field(default_factory=list)

    def emails(self) -> list[str]:
        return [a.email for a in self.accepted]

    def duplicates(self) -> list[str]:
        return [e for e, n in Counter(self.emails()).items() if n > 1]

    def batches(self) -> set[str]:
        return {a.batch for a in self.accepted}


def _problem(body: Any) -> str | None:
    """The few checks SendGrid is sure to make (the conformance test checks the rest)."""
    if not isinstance(body, dict):
        return "body must be an object"
    people = body.get("personalizations")
    if not isinstance(people, list) or not 1 <= len(people) <= 1000:
        return "personalizations: 1 to 1000 required"
    if not all(isinstance(p, dict) and p.get("to") for p in people):
        return "personalizations.to: required"
    if not (body.get("from") or {}).get("email"):
        return "from.email: required"
    if not body.get("content"):
        return "content: required"
    return None


class FakeSendGrid:
    def __init__(
        self, *, latency_s: float = 0.0, keep_bodies: bool = True, parse: bool = True
    ) -> None:
        self.latency_s = latency_s
        self.keep_bodies = keep_bodies
        # parse=False (benchmarks): count personalizations in the raw body instead of decoding
        # it, so the fake's own CPU does not compete with the sender on a 2-core machine.
        self.parse = parse
        self.counted = 0
        self.record = Record()
        self.in_flight = 0
        self.max_in_flight = 0
        self._cues: list[tuple[Any, ...]] = []
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    def cue(self, *behaviours: str | tuple[Any, ...]) -> None:
        with self._lock:
            for b in behaviours:
                self._cues.append(b if isinstance(b, tuple) else (b,))

    def _next_cue(self) -> tuple[Any, ...]:
        with self._lock:
            return self._cues.pop(0) if self._cues else ("ok",)

    def _accept(self, body: dict[str, Any]) -> None:
        batch = str((body.get("custom_args") or {}).get("verdicts_batch", ""))
        with self._lock:
            if self.keep_bodies:
                self.record.bodies.append(body)
            for p in body["personalizations"]:
                for to in p["to"]:
                    self.record.accepted.append(
                        Accepted(
                            to["email"], batch, p.get("substitutions", {}), p.get("headers", {})
                        )
                    )

    async def _send(self, request: web.Request) -> web.StreamResponse:
        with self._lock:
            self.record.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._answer(request)
        finally:
            with self._lock:
                self.in_flight -= 1

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if request.headers.get("Authorization") != f"Bearer {API_KEY}":
            return web.json_response({"errors": [{"message": "Permission denied"}]}, status=401)
        cue = self._next_cue()
        kind = cue[0]
        if kind == "429":
            reset = int(time.time() + float(cue[1]))
            return web.json_response(
                {"errors": [{"message": "too many requests"}]},
                status=429,
                headers={"X-RateLimit-Reset": str(reset), "X-RateLimit-Remaining": "0"},
            )
        if kind == "500":
            return web.json_response({"errors": [{"message": "internal"}]}, status=500)
        if kind == "400":
            errors = [{"field": "personalizations", "message": cue[1]}]
            return web.json_response({"errors": errors}, status=400)
        if kind == "drop":
            assert request.transport is not None
            request.transport.abort()
            raise asyncio.CancelledError
        if not self.parse and kind == "ok":
            with self._lock:
                self.counted += raw.count(b'"to": [')
            await asyncio.sleep(self.latency_s)
            return web.Response(status=202, headers={"X-Message-Id": uuid.uuid4().hex})
        try:
            body = json.loads(raw)
        except ValueError:
            return web.json_response({"errors": [{"message": "invalid JSON"}]}, status=400)
        problem = _problem(body)
        if problem:
            return web.json_response({"errors": [{"message": problem}]}, status=400)
        self._accept(body)
        if kind == "accept-drop":
            assert request.transport is not None
            request.transport.abort()
            raise asyncio.CancelledError
        delay = float(cue[1]) if kind == "slow" else self.latency_s
        if delay:
            await asyncio.sleep(delay)
        sandbox = ((body.get("mail_settings") or {}).get("sandbox_mode") or {}).get("enable")
        return web.Response(
            status=200 if sandbox else 202, headers={"X-Message-Id": uuid.uuid4().hex}
        )

    async def _stats(self, request: web.Request) -> web.Response:
        with self._lock:
            accepted = self.counted + len(self.record.accepted)
            return web.json_response({"requests": self.record.requests, "accepted": accepted})

    def app(self) -> web.Application:
        app = web.Application(client_max_size=40_000_000)
        app.router.add_post("/v3/mail/send", self._send)
        app.router.add_get("/stats", self._stats)
        return app

    def start(self) -> str:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        port = sock.getsockname()[1]
        ready = threading.Event()

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            self._runner = web.AppRunner(self.app(), access_log=None)
            self._loop.run_until_complete(self._runner.setup())
            site = web.SockSite(self._runner, sock)
            self._loop.run_until_complete(site.start())
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self._runner.cleanup())
            self._loop.close()

        self._thread = threading.Thread(target=serve, name="fake-sendgrid", daemon=True)
        self._thread.start()
        ready.wait(10)
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
