"""The labelled eval parts, in one place: which files tune the method and which are held out.

A held-out part is folded into tuning (renamed `eval_tuning_vN_heldout.jsonl`, unchanged) once
its misses have been read; the next round writes a new `eval_heldout_vN+1.jsonl` first
(README.md, "How a round works"). A round may hold out several weeks at once: one week gives
about 25 pairs, too few to tell a change of a few points from the week's own luck, so every
unfolded held-out file is scored and their figures pooled.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
# The original set first, then the spent held-out sets in the order they were written.
TUNING: tuple[Path, ...] = (
    HERE / "eval_set.jsonl",
    *sorted(HERE.glob("eval_tuning_v*_heldout.jsonl"), key=lambda p: int(p.stem.split("_")[2][1:])),
)
# The current held-out parts: every one not yet folded into tuning, oldest first.
HELDOUT: tuple[Path, ...] = tuple(
    sorted(HERE.glob("eval_heldout_v*.jsonl"), key=lambda p: int(p.stem.split("_v")[1]))
)
