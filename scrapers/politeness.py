"""Per-host pacing: at most N requests in flight and a minimum gap between request starts.

Waiters queue on one lock per host, so they leave in arrival order and the gap is measured
between actual starts (a late wake-up never lets the next request start early).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostGate:
    def __init__(self, delay_s: float, concurrency: int) -> None:
        self.delay_s = delay_s
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._order = asyncio.Lock()
        self._next_start = 0.0

    def hold_off(self, seconds: float) -> None:
        """The host asked us to wait (Retry-After): nobody starts before then."""
        loop = asyncio.get_running_loop()
        self._next_start = max(self._next_start, loop.time() + seconds)

    def slow_down(self, delay_s: float) -> None:
        """robots.txt asked for a larger Crawl-delay than our default."""
        self.delay_s = max(self.delay_s, delay_s)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._slots:
            async with self._order:
                loop = asyncio.get_running_loop()
                wait = self._next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next_start = loop.time() + self.delay_s
            yield


class Gates:
    """One HostGate per host (netloc of the production URL, so rebasing keeps hosts apart)."""

    def __init__(self, delay_s: float, concurrency: int) -> None:
        self.delay_s = delay_s
        self.concurrency = concurrency
        self._gates: dict[str, HostGate] = {}

    def __getitem__(self, host: str) -> HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = HostGate(self.delay_s, self.concurrency)
        return gate
