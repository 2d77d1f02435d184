from pathlib import Path

import pytest

from verdicts.panel.load import PanelFileError, load_panel_file, parse_panel
from verdicts.store.panel import import_panel, reviewers, verdicts_by_tool
from verdicts.store.schema import VerdictRow
from verdicts.store.tools import find_tool

PANEL = Path(__file__).resolve().parents[2] / "verdicts" / "demo" / "panel.yaml"
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "000_17b59f6817a44203.txt"


def test_demo_panel_carries_the_seed_verdicts_verbatim(store):
    panel = load_panel_file(PANEL)
    with store.transaction() as s:
        import_panel(s, panel)
    seed = SEED.read_text(encoding="utf-8")
    with store.transaction() as s:
        smol = find_tool(s, "SmolLM3-3B")  # an alias resolves to the catalog tool
        assert smol is not None and smol.name == "SmolLM3"
        by_tool = verdicts_by_tool(s, [smol.key, find_tool(s, "Mistral 3.1").key])
        assert [r.key for r in reviewers(s)] == ["builder", "skeptic", "futurist", "buyer"]
    smol_v, mistral_v = by_tool[smol.key], by_tool["mistral-3-1"]
    assert sum(v.ship for v in smol_v) == 3 and len(smol_v) == 4
    assert sum(v.ship for v in mistral_v) == 4
    assert [v.reviewer.key for v in smol_v if not v.ship] == ["buyer"]
    for v in (*smol_v, *mistral_v):
        assert v.paragraph in seed


def test_bad_line_is_named_and_nothing_is_imported(store, tmp_path):
    good = PANEL.read_text(encoding="utf-8")
    broken = good.replace("verdict: skip", "verdict: maybe", 1)
    bad_file = tmp_path / "panel.yaml"
    bad_file.write_text(broken, encoding="utf-8")
    lines = broken.splitlines()
    bad = next(i for i, text in enumerate(lines) if "verdict: maybe" in text)
    item_start = next(i for i in range(bad, -1, -1) if lines[i].lstrip().startswith("- ")) + 1
    with pytest.raises(PanelFileError) as err:
        load_panel_file(bad_file)
    assert f":line {item_start}: verdict:" in str(err.value)
    with store.transaction() as s:
        assert s.query(VerdictRow).count() == 0


def test_csv_verdicts_need_known_reviewers_and_report_line(store):
    csv_text = (
        "tool,reviewer,verdict,judged_on,price,paragraph\n"
        "Acme,builder,ship,2026-07-10,Free,"
        + "A fine primitive with a clear job to do. "
        * 2
        + "\n"
        "Acme,builder,ship,not-a-date,Free," + "Another paragraph long enough to count. " * 2 + "\n"
    )
    with pytest.raises(PanelFileError, match=r"line 3: judged_on"):
        parse_panel(csv_text, path="v.csv")


def test_unknown_reviewer_fails_the_whole_import(store):
    text = """
reviewers: [{{key: builder, name: B, lens: x}}]
verdicts:
  - {{tool: Acme, reviewer: builder, verdict: ship, judged_on: 2026-07-10, paragraph: "{}"}}
  - {{tool: Acme, reviewer: ghost, verdict: skip, judged_on: 2026-07-10, paragraph: "{}"}}
""".format("p" * 50, "q" * 50)
    panel = parse_panel(text, path="p.yaml")
    with pytest.raises(PanelFileError, match="ghost"), store.transaction() as s:
        import_panel(s, panel)
    with store.transaction() as s:
        assert s.query(VerdictRow).count() == 0
