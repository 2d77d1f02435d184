import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verdicts.cli.pair import app

ROOT = Path(__file__).resolve().parents[2]
LAUNCHES = [
    {
        "name": "ChatCut",
        "url": "https://www.producthunt.com/r/p/1?app_id=339",
        "tagline": "Your AI video editor in ChatGPT, desktop, and web",
        "category": "Developer Tools",
        "source": "producthunt",
    },
    {
        "name": "Show HN: FableCut – A browser video editor AI agents can drive (zero deps)",
        "url": "https://github.com/ronak-create/FableCut",
        "tagline": "",
        "description": "",
        "category": "",
        "source": "hn",
    },
    {
        "name": "Lispr",
        "url": "https://www.producthunt.com/products/lispr",
        "tagline": "Hold a key, speak, and Lispr writes it anywhere",
        "category": "Productivity",
        "source": "producthunt",
    },
    {
        "name": "Mispher",
        "tagline": "Dictate, rewrite, translate, and an agent in a single device",
        "category": "Productivity",
        "source": "producthunt",
    },
    {
        "name": "TailMux",
        "tagline": "Multiple Tailscale tailnets at once, no switching + no VM",
        "category": "Developer Tools",
        "source": "producthunt",
    },
    {
        "name": "Marked QL",
        "tagline": "Instant markdown previews in Finder",
        "category": "Developer Tools",
        "source": "producthunt",
    },
]


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "launches.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_pairs_are_printed_as_json_lines_each_tool_once(tmp_path):
    path = write(tmp_path, [json.dumps(x) for x in LAUNCHES])
    result = subprocess.run(
        [sys.executable, "-m", "verdicts.cli.pair", "--input", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {frozenset((r["a"], r["b"])) for r in rows} == {
        frozenset({"ChatCut", LAUNCHES[1]["name"]}),
        frozenset({"Lispr", "Mispher"}),
    }
    for row in rows:
        assert set(row) == {"a", "b", "score", "reason"}
        assert 0 <= row["score"] <= 1 and row["reason"].startswith("both ")
    named = [r["a"] for r in rows] + [r["b"] for r in rows]
    assert len(named) == len(set(named))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "launches.jsonl:2: not valid JSON"),
        ('["a list"]', "launches.jsonl:2: expected a JSON object"),
        ('{"url": "https://x.example"}', "launches.jsonl:2: name: Field required"),
        ('{"name": 42}', "launches.jsonl:2: name: Input should be a valid string"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_a_failing_exit(tmp_path, line, message):
    path = write(tmp_path, [json.dumps(LAUNCHES[0]), line])
    result = CliRunner().invoke(app, ["--input", str(path)])
    assert result.exit_code != 0
    assert result.stdout == ""
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_a_missing_file_is_reported_not_raised(tmp_path):
    result = CliRunner().invoke(app, ["--input", str(tmp_path / "absent.jsonl")])
    assert result.exit_code != 0
    assert "cannot read" in result.stderr


def test_the_same_tool_on_two_lines_is_paired_once(tmp_path):
    lines = [json.dumps(x) for x in LAUNCHES[:2]]
    lines.append(
        json.dumps(
            {
                "name": "FableCut",
                "url": "https://github.com/Ronak-Create/FableCut/",
                "source": "github",
            }
        )
    )
    result = CliRunner().invoke(app, ["--input", str(write(tmp_path, lines))])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
