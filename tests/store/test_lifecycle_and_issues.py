import pytest

from verdicts.lifecycle import State, TransitionError, check


def test_allowed_and_refused_transitions():
    assert check("draft", "approved") is State.APPROVED
    assert check("approved", "in_review") is State.IN_REVIEW  # content changed after approval
    with pytest.raises(TransitionError):
        check("draft", "sent")
    with pytest.raises(TransitionError):
        check("sent", "sending")
    with pytest.raises(TransitionError):
        check("rejected", "approved")
