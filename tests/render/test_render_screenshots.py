"""The email in Debian's headless Chromium at 375 px and 600 px: PNGs for the editor, and the
card text present in the laid-out DOM at both widths with no sideways scrolling on a phone."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from verdicts.render import write_digest
from verdicts.render.screenshots import capture, find_chromium, take_screenshots

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="no chromium: apt-get install chromium"),
]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def test_screenshots_and_dom_at_both_widths(rendered, issue, settings) -> None:
    folder = write_digest(rendered, settings.digests_dir)
    shots = capture(folder / "email.html", folder / "screenshots")
    assert [s.width for s in shots] == [375, 600]
    seed = issue.comparisons[0]
    for shot in shots:
        width, height = _png_size(shot.png)
        assert width == shot.width and height > 1000
        assert shot.png.stat().st_size > 10_000  # a real picture, not a blank page
        assert shot.scroll_width <= shot.width  # no sideways scrolling
        for phrase in (
            seed.title,
            seed.a.tool.tagline,
            seed.b.tool.name,
            "3/4 ship",
            "Ship with SmolLM3",
            seed.a.verdicts[0].key_line,
        ):
            assert phrase in shot.text
        assert "SmolLM3 vs Mistral 3.1" in shot.dom
    # The phone layout stacks the two tools, so the page is taller than on the desktop.
    assert shots[0].page_height > shots[1].page_height


def test_take_screenshots_returns_the_pngs(rendered, settings, tmp_path: Path) -> None:
    folder = write_digest(rendered, settings.digests_dir)
    paths = take_screenshots(folder / "email.html", tmp_path / "shots")
    assert [p.name for p in paths] == ["email-375.png", "email-600.png"]
    assert all(p.stat().st_size > 0 for p in paths)


def test_take_screenshots_without_chromium_is_quiet(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on this PATH
    html = tmp_path / "email.html"
    html.write_text("<p>x</p>", encoding="utf-8")
    assert take_screenshots(html, tmp_path / "shots") == []
