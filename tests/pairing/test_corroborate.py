"""Meaning checks the rules: a rule pair whose launches mean different things in a busy week is
refused; the same pair alone, or a pair meaning agrees with, stands."""

from verdicts.pairing import MIN_PAIR_SCORE, choose_pairs, profile
from verdicts.pairing.choose import compare
from verdicts.pairing.corroborate import Corroboration

from .helpers import tool

RECEPTIONIST = tool(
    "Frontdesk Fox",
    "An AI receptionist that answers your business calls, books appointments and takes "
    "messages around the clock",
)
VOICE_QA = tool(
    "Callcheck",
    "Test your voice agents before your customers do: simulate thousands of calls and catch "
    "regressions in every release",
)
# Launches of other jobs, each nearer to one of the two than the other one is.
NEAR_THE_TESTER = [
    tool("Evalbench", "Automated evals for LLM apps: test prompts and agents against your own test cases in CI"),
    tool("Regress", "Regression testing for chatbots: replay real conversations after every prompt change"),
    tool("Loadstorm", "Load testing for APIs and websites: simulate thousands of users before launch"),
]  # fmt: skip
NEAR_THE_RECEPTIONIST = [
    tool("Bookwell", "Online appointment booking for salons and clinics, with reminders by text"),
    tool("Inboxly", "A shared inbox for small businesses: every customer message in one place"),
    tool("Replyhub", "Answer every customer review on Google and Yelp in one click"),
]
WEEK = [RECEPTIONIST, VOICE_QA, *NEAR_THE_RECEPTIONIST, *NEAR_THE_TESTER]


def _names(pairs):
    return {frozenset((p.a.name, p.b.name)) for p in pairs}


def test_a_rule_pair_meaning_contradicts_is_refused_in_a_busy_week():
    # The rules call both "AI voice agents for calls" ...
    score, reason = compare(RECEPTIONIST, VOICE_QA) or (0.0, "")
    assert score >= MIN_PAIR_SCORE and reason == "both AI voice agents for calls"
    # ... and alone in a week, with nothing nearer, they pair on that.
    assert _names(choose_pairs([RECEPTIONIST, VOICE_QA])) == {
        frozenset({"Frontdesk Fox", "Callcheck"})
    }
    # Among launches that are nearer each of them, and with their nearest exemplars voting for
    # different jobs, meaning contradicts the rule: the receptionist is left unpaired.
    assert profile(RECEPTIONIST).nearest_job != profile(VOICE_QA).nearest_job
    pairs = choose_pairs(WEEK)
    assert frozenset({"Frontdesk Fox", "Callcheck"}) not in _names(pairs)
    assert all("Frontdesk Fox" not in (p.a.name, p.b.name) for p in pairs)


def test_a_rule_pair_meaning_agrees_with_stands_in_the_same_week():
    rival = tool(
        "Ringmate",
        "Your AI receptionist: it picks up every call to your business, books the appointment "
        "and texts you a summary",
    )
    pairs = choose_pairs([*WEEK, rival])
    (pair,) = [p for p in pairs if "Frontdesk Fox" in (p.a.name, p.b.name)]
    assert {pair.a.name, pair.b.name} == {"Frontdesk Fox", "Ringmate"}
    assert pair.reason.startswith("both AI voice agents for calls")


def test_only_launches_of_other_jobs_count_against_a_pair():
    profiles = [profile(t) for t in WEEK]
    check = Corroboration(WEEK, profiles, {t.key for t in WEEK})
    near = check.ranks(RECEPTIONIST, VOICE_QA, profiles[0], profiles[1])
    assert max(near) >= 3  # launches of other jobs are nearer than the other one is
    assert not check.agrees(RECEPTIONIST, VOICE_QA, profiles[0], profiles[1])
    # A launch the rules give the pair's own job does not count, however near it is.
    rival = tool(
        "Ringmate", "Your AI receptionist: it picks up every call and books the appointment"
    )
    assert profile(rival).job == profiles[0].job
    week = [*WEEK, rival]
    again = Corroboration(week, [*profiles, profile(rival)], {t.key for t in week})
    assert again.ranks(RECEPTIONIST, VOICE_QA, profiles[0], profiles[1]) == near
    # One of another job nearer both of them counts on both sides.
    other = tool("Callpilot", "Record and transcribe your sales calls, with a summary in your CRM")
    assert profile(other).job not in ("", profiles[0].job)
    week = [*WEEK, other]
    third = Corroboration(week, [*profiles, profile(other)], {t.key for t in week})
    assert third.ranks(RECEPTIONIST, VOICE_QA, profiles[0], profiles[1]) == (
        near[0] + 1,
        near[1] + 1,
    )
