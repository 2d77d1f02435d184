"""The semantic pass pairs what the rules cannot name, and only that: two launches of a kind
nobody labelled, each the other's closest match; never two tools the rules gave different jobs,
never a pair shown recently, never two catalog tools."""

import json
from collections import Counter
from importlib.resources import files

from verdicts.models import pair_key
from verdicts.pairing import choose_pairs, profile
from verdicts.pairing.meaning import semantic_text
from verdicts.pairing.neighbours import shares
from verdicts.pairing.semantic import content_words

from .helpers import tool

PLANTWISE = tool(
    "Plantwise",
    "Plan your vegetable garden: it suggests what to plant where, and when to sow each crop",
)
SPROUT = tool(
    "Sprout Planner",
    "The garden layout designer that tells you which vegetables to sow this month",
)
OTHERS = [
    tool("Corkly", "Pick the right wine for tonight's dinner in seconds"),
    tool("Resumely", "Write a resume that gets past applicant tracking systems"),
    tool("Tempo Focus", "A pomodoro timer that blocks distracting sites while you work"),
]


def _exemplars():
    return json.loads(files("verdicts.pairing").joinpath("exemplars.json").read_text("utf-8"))


def _names(pairs):
    return {frozenset((p.a.name, p.b.name)) for p in pairs}


def test_two_launches_of_an_unlabelled_kind_pair_by_meaning():
    week = [OTHERS[0], PLANTWISE, OTHERS[1], SPROUT, OTHERS[2]]
    assert all(profile(t).job == "" for t in (PLANTWISE, SPROUT))  # no rule knows gardens
    pairs = choose_pairs(week)
    assert _names(pairs) == {frozenset({"Plantwise", "Sprout Planner"})}
    (pair,) = pairs
    # The reason quotes both launches, so the editor can see why they were matched.
    assert pair.reason.startswith("the same job in their own words")
    assert "vegetable garden" in pair.reason and "garden layout designer" in pair.reason
    assert 0.6 <= pair.score <= 0.9


def test_a_recent_pair_or_two_catalog_tools_are_never_paired_again():
    assert choose_pairs([PLANTWISE, SPROUT], exclude={pair_key(PLANTWISE.key, SPROUT.key)}) == []
    assert choose_pairs([OTHERS[0]], catalog=[PLANTWISE, SPROUT]) == []
    (pair,) = choose_pairs([SPROUT], catalog=[PLANTWISE, OTHERS[1]])
    assert pair.a.name == "Sprout Planner"  # the new tool leads


def test_the_semantic_pass_never_overrules_two_rule_jobs():
    editor = tool("Quill IDE", "An AI-native code editor with tab completion")
    agent = tool("Shellhand", "A coding agent in your terminal that edits your repo and runs tests")
    jobs = {profile(editor).job, profile(agent).job}
    assert jobs == {"code-editor", "coding-agent"}  # the rules keep these kinds apart
    assert choose_pairs([editor, agent]) == []


def test_the_semantic_text_is_what_the_launch_says_it_is_without_its_brand():
    show = tool("Show HN: Gardo – plan a vegetable garden with AI", "", "Gardo Pro costs $5.")
    text = semantic_text(show, {"plan", "vegetable", "garden", "pro"})
    assert "Gardo" not in text and "Show HN" not in text
    assert text.startswith("plan a vegetable garden")
    assert content_words("The AI-powered platform for modern teams to work faster") == set()


def test_the_nearest_exemplars_vote_for_a_job_but_never_for_themselves():
    cli = tool("Termy", "An agent in your terminal that writes, edits and refactors your code")
    assert shares(cli)[0][0] == "coding-agent"
    # An exemplar whose job one other exemplar has: under its own name it is left out of the vote
    # and its job gets the other's vote at most; under another name it also votes for itself
    # (similarity about 1), so its job's share grows.
    rows = _exemplars()
    jobs = Counter(r["job"] for r in rows)
    pair = next(r for r in rows if r["job"] and jobs[r["job"]] == 2)
    same = tool(pair["name"], pair["tagline"], pair["description"])
    renamed = tool("Someone Else", pair["tagline"], pair["description"])
    assert dict(shares(renamed)).get(pair["job"], 0) > dict(shares(same)).get(pair["job"], 0)


def test_a_tool_with_a_sure_job_waits_for_a_partner_doing_that_job():
    # From the demo week: the closest paraphrase of Yasmine Works is ChatGPT Work (no job the
    # rules know), but Scarlett. does the same job by the rules, so that is the comparison.
    yasmine = tool("Yasmine Works", "An AI coworker that lives in your Slack to get work done")
    scarlett = tool("Scarlett.", "Your AI Co-Worker in Slack & iMessage")
    chatgpt_work = tool("ChatGPT Work", "Partner for your most ambitious work")
    assert profile(yasmine).job_source == "rules" and profile(chatgpt_work).job == ""
    pairs = choose_pairs([yasmine, chatgpt_work], catalog=[scarlett])
    assert frozenset({"Yasmine Works", "Scarlett."}) in _names(pairs)
