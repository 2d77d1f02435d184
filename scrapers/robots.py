"""robots.txt rules per host, following RFC 9309 for the unhappy paths.

A 4xx robots.txt means "no rules" (crawl freely); a 5xx or an unreachable one means "assume
complete disallow" until a later run can read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

AGENT = "verdicts-bot"


@dataclass(frozen=True, slots=True)
class Rules:
    parser: RobotFileParser | None  # None: no rules, everything allowed
    reachable: bool = True
    reason: str = ""

    def allows(self, url: str) -> bool:
        if not self.reachable:
            return False
        return self.parser is None or self.parser.can_fetch(AGENT, url)

    def crawl_delay(self) -> float:
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(AGENT)
        return float(delay) if delay else 0.0


def from_response(status: int, body: bytes) -> Rules:
    if 200 <= status < 300:
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8", "replace").splitlines())
        return Rules(parser)
    if 400 <= status < 500:
        return Rules(None)
    return Rules(None, reachable=False, reason=f"robots.txt answered HTTP {status}")


def unreachable(reason: str) -> Rules:
    return Rules(None, reachable=False, reason=f"robots.txt unreachable: {reason}")
