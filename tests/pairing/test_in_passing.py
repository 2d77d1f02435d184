"""What a launch names in passing is not its job: a later item of a long list, the place a tool
lives, the word that modifies another activity. A gadget is not an app, a model id says its
size, and a job the rules are sure of outranks one only the exemplars vote for."""

import json
from pathlib import Path

from verdicts.pairing import choose_pairs, compare, profile
from verdicts.pairing.exemplars import withheld
from verdicts.pairing.neighbours import shares
from verdicts.pairing.semantic import twins
from verdicts.pairing.taxonomy import MIN_JOB_SCORE

from .helpers import tool

EXEMPLARS = json.loads(
    (Path(__file__).parents[2] / "verdicts/pairing/exemplars.json").read_text(encoding="utf-8")
)


def test_a_job_late_in_a_long_list_counts_for_less_than_the_first_item():
    listed = tool("Pdfly", "Merge, split, rotate, compress, OCR, convert and sign your PDFs")
    named = tool("Pdfly", "OCR for your scanned PDFs")
    # One rule phrase, in passing: below the bar on its own (the exemplars may still decide).
    assert dict(profile(listed).jobs)["doc-parsing"] < MIN_JOB_SCORE
    assert dict(profile(named).jobs)["doc-parsing"] >= MIN_JOB_SCORE
    # The first item of a list is the point of the launch.
    assert profile(tool("Sayit", "Dictate, rewrite, translate, and summarise anywhere")).job == (
        "dictation"
    )


def test_the_place_a_tool_lives_is_not_its_job_unless_a_rule_names_the_place():
    team = tool("Crew", "", "Crew gives you a whole dev team of AI agents in your code editor.")
    assert dict(profile(team).jobs).get("code-editor", 0.0) < MIN_JOB_SCORE
    # "in your terminal" is the rule's own phrase for a coding agent: it still counts in full.
    assert profile(tool("Shellmate", "An AI agent, now in your terminal")).job == "coding-agent"


def test_a_job_word_that_modifies_another_activity_is_not_the_job():
    # "AI music" is the rule's phrase for a music generator; "AI music tagging" is tagging.
    assert dict(profile(tool("Taggr", "AI music for your videos")).jobs)["music-gen"] >= (
        MIN_JOB_SCORE
    )
    tagger = tool("Taggr", "AI music tagging for sync catalogs")
    assert dict(profile(tagger).jobs)["music-gen"] < MIN_JOB_SCORE


def test_a_wearable_never_pairs_with_an_app_doing_the_same_job():
    pin = tool(
        "Clipmate", "", "A wearable AI pendant: press once to record your meetings and calls."
    )
    app = tool("Minutes", "The AI meeting note-taker that joins your Zoom calls")
    other_app = tool("Notely", "", "Notely is an AI note taker for Google Meet and Zoom meetings.")
    assert profile(pin).device and not profile(app).device
    assert compare(pin, app) is None
    pairs = choose_pairs([pin, app, other_app])
    assert {frozenset((p.a.name, p.b.name)) for p in pairs} == {frozenset({"Minutes", "Notely"})}


def test_a_model_id_says_its_size_and_sizes_far_apart_do_not_pair():
    big = tool("acme/Ultra-253B-v1", "", "A large language model post-trained for reasoning.")
    small = tool("acme/bitnet-b1.58-2B-4T", "", "A native 1-bit large language model.")
    assert profile(big).params_b == 253
    assert profile(small).params_b == 2
    assert profile(tool("acme/Tiny-1_1B-Instruct", "", "A small language model.")).params_b == 1.1
    assert profile(tool("acme/Mobile-R1-950M", "", "A small reasoning model.")).params_b == 0.95
    assert compare(big, small) is None


def test_a_defining_rule_outranks_a_job_only_the_exemplars_vote_for():
    splitter = tool("Stemly", "Remove vocals, isolate any instrument and practice songs with AI")
    # Without the labelled stem splitters, the exemplars hear a music launch; the rule's defining
    # phrase ("remove vocals") still decides.
    with withheld(["Moises", "LALAL.AI", "facebookresearch/demucs", "AudioShake"]):
        found = profile(splitter)
    assert (found.job, found.job_source) == ("stem-separation", "rules")


def test_withheld_exemplars_do_not_vote():
    # A launch worded like the labelled background removers is voted into their kind, until
    # those exemplars are withheld (as the benchmark withholds a whole eval file).
    cutout = tool("Cutout", "", "Cutout removes the background of any photo in one click.")
    assert "background-removal" in dict(shares(cutout))
    # Every labelled remover, whichever folds added them.
    removers = [e["name"] for e in EXEMPLARS if e["job"] == "background-removal"]
    assert "remove.bg" in removers
    with withheld(removers):
        assert "background-removal" not in dict(shares(cutout))
    assert "background-removal" in dict(shares(cutout))


def test_computing_hardware_is_a_device_too():
    box = tool("Deskbox", "", "Deskbox brings a petaflop of AI performance to your desktop.")
    server = tool("Serva", "", "Serva is an inference server for running LLMs on your GPUs.")
    assert profile(box).device and not profile(server).device
    assert compare(box, server) is None


def test_booking_meetings_is_not_taking_meeting_notes():
    calendar = tool(
        "Plannr", "", "Plannr is a calendar app that schedules your tasks, habits and meetings."
    )
    assert dict(profile(calendar).jobs).get("meeting-notes", 0.0) < 0


def test_a_humanoid_robot_is_hardware_but_a_model_for_humanoids_is_not():
    robot = tool(
        "Atlasy", "", "Atlasy is a general-purpose humanoid robot designed for warehouses."
    )
    model = tool(
        "acme/Brain-3B", "", "An open foundation model for humanoid robot reasoning and skills."
    )
    assert profile(robot).device and not profile(model).device
    assert compare(robot, model) is None


def test_a_foundation_model_of_another_modality_is_not_a_language_model():
    series = tool(
        "acme/Forecaster-500m", "", "Forecaster is a pretrained time-series foundation model."
    )
    assert dict(profile(series).jobs).get("llm", 0.0) < MIN_JOB_SCORE


def test_meaning_never_pairs_a_gadget_with_an_app_either():
    pin = tool("Hearo", "A wearable pendant that remembers your conversations and summarises them")
    app = tool("Recallr", "An app that remembers your conversations and summarises them")
    twin_app = tool("Memoir", "The app that remembers your conversations and summarises them")
    keys = {t.key for t in (pin, app, twin_app)}
    assert twins([app, twin_app], [profile(app), profile(twin_app)], keys, minimum=0.3)
    assert not twins([pin, app], [profile(pin), profile(app)], keys, minimum=0.3)
