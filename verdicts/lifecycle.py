"""The issue's lifecycle: which state changes are allowed. Pure; the store records each one.

draft -> in_review -> approved -> sending -> sent
  \\          \\-> rejected -> draft (redrafted)
   \\-> skipped (quiet week or missed cutoff), from any state before sending
approved -> in_review when the content changes after approval
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    SENDING = "sending"
    SENT = "sent"
    REJECTED = "rejected"
    SKIPPED = "skipped"


ALLOWED: dict[State, frozenset[State]] = {
    State.DRAFT: frozenset({State.IN_REVIEW, State.APPROVED, State.REJECTED, State.SKIPPED}),
    State.IN_REVIEW: frozenset({State.APPROVED, State.REJECTED, State.SKIPPED, State.IN_REVIEW}),
    State.APPROVED: frozenset({State.IN_REVIEW, State.SENDING, State.SKIPPED}),
    State.SENDING: frozenset({State.SENT}),
    State.SENT: frozenset(),
    State.REJECTED: frozenset({State.DRAFT, State.SKIPPED}),
    State.SKIPPED: frozenset({State.DRAFT}),
}

# States in which the content may still be replaced by a fresh draft.
REDRAFTABLE = frozenset({State.DRAFT, State.IN_REVIEW, State.REJECTED, State.SKIPPED})


class TransitionError(ValueError):
    pass


def check(current: str, target: str) -> State:
    cur, tgt = State(current), State(target)
    if tgt not in ALLOWED[cur]:
        raise TransitionError(f"an issue in state {cur} cannot become {tgt}")
    return tgt
