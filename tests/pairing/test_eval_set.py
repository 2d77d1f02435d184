"""The labelled eval sets stay usable: names unique, partners real, big and varied enough, the
held-out set apart from the tuning sets, and the benchmark's last line machine-readable."""

import importlib
import json
import sys
from pathlib import Path

import pytest

from verdicts.pairing.taxonomy import JOBS, load_jobs

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "pairing"

sys.path.insert(0, str(BENCH))
try:
    from parts import HELDOUT as HELDOUT_PARTS  # every unfolded eval_heldout_vN.jsonl
    from parts import TUNING as TUNING_PARTS
finally:
    sys.path.remove(str(BENCH))
TUNING = tuple(p.name for p in TUNING_PARTS)
HELDOUT = tuple(p.name for p in HELDOUT_PARTS)


# The first held-out sets were small; every set since v5 holds at least 60 tools.
_SMALL = {
    "eval_tuning_v1_heldout.jsonl": 20,
    "eval_tuning_v2_heldout.jsonl": 30,
    "eval_tuning_v3_heldout.jsonl": 40,
    "eval_tuning_v4_heldout.jsonl": 40,
}


@pytest.mark.parametrize("name", [*TUNING, *HELDOUT])
def test_eval_parts_are_well_formed(name):
    min_tools = _SMALL.get(name, 60)
    rows = [json.loads(line) for line in (BENCH / name).read_text(encoding="utf-8").splitlines()]
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)) >= min_tools
    assert len({r["kind"] for r in rows} - {"none"}) >= 12
    for row in rows:
        assert set(row["partners"]) <= set(names), row["name"]
        assert row["name"] not in row["partners"]


def test_every_eval_file_is_a_tuning_part_or_the_held_out_one():
    files = {p.name for p in BENCH.glob("eval_*.jsonl")}
    assert files == {*TUNING, *HELDOUT}
    assert TUNING[-1] == "eval_tuning_v48_heldout.jsonl"
    assert tuple(f"eval_heldout_v{n}.jsonl" for n in (49, 50)) == HELDOUT


def test_held_out_tools_are_not_in_the_tuning_parts():
    def names(part):
        return {json.loads(x)["name"].casefold() for x in (BENCH / part).read_text().splitlines()}

    parts = [names(part) for part in TUNING]
    tuning = set().union(*parts)
    held = [names(part) for part in HELDOUT]
    # Only the number of shared names is shown: a held-out name read is a held-out name spent.
    assert len(set().union(*held) & tuning) == 0
    assert sum(len(p) for p in parts) == len(tuning)  # no tool in two tuning parts
    assert sum(len(p) for p in held) == len(set().union(*held))  # nor in two held-out parts


def test_held_out_set_tests_unseen_kinds_and_tools_without_a_partner():
    def rows(part):
        return [json.loads(x) for x in (BENCH / part).read_text().splitlines()]

    tuning_kinds = {r["kind"] for part in TUNING for r in rows(part)}
    for part in HELDOUT:
        held = rows(part)
        assert len({r["kind"] for r in held} - {"none"}) >= 20
        assert len({r["kind"] for r in held} - tuning_kinds) >= 6
        assert sum(r["kind"] == "none" for r in held) >= 6


def test_benchmark_ends_with_one_json_line_for_run_all(monkeypatch, capsys):
    sys.path.insert(0, str(BENCH))
    try:
        run = importlib.import_module("run")
    finally:
        sys.path.remove(str(BENCH))
    # Two small tuning files stand in for the parts: the test checks what run.py prints, not the
    # figures, and must never score (or, failing, print) a held-out week.
    monkeypatch.setattr(run, "TUNING", (BENCH / "eval_tuning_v4_heldout.jsonl",))
    monkeypatch.setattr(run, "HELDOUT", (BENCH / "eval_tuning_v1_heldout.jsonl",))
    monkeypatch.setattr(sys, "argv", ["run.py"])
    run.main()
    last = capsys.readouterr().out.strip().splitlines()[-1]
    figures = json.loads(last)
    assert figures["area"] == "pairing"
    keys = (
        "precision_tuning",
        "coverage_tuning",
        "precision_heldout",
        "coverage_heldout",
        "precision_top5_heldout",
    )
    assert set(figures) == {"area", *keys}
    assert all(0.0 <= figures[k] <= 1.0 for k in keys)


def test_bundled_jobs_load_and_a_bad_pattern_fails_loudly():
    assert {"llm", "video-editor", "vector-db", "dictation", "stt"} <= {j.key for j in JOBS}
    with pytest.raises(Exception, match=r"unterminated|missing"):
        load_jobs('[[job]]\nkey = "x"\nlabel = "x"\nrules = [["(unclosed", 3]]\n')
    with pytest.raises(ValueError, match="twice"):
        load_jobs(
            '[[job]]\nkey = "x"\nlabel = "x"\nrules = []\n[[job]]\nkey = "x"\nlabel = "y"\nrules = []\n'
        )
