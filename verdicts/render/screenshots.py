"""Screenshots of the email at phone and desktop widths, by Debian's headless Chromium.

Written next to the issue for the editor. Two Chromium runs per width: the first loads a copy
of the email with a one-line script that records the page's laid-out size in the DOM
(`--dump-dom`), the second screenshots the untouched email in a window exactly that tall, so
the picture is the whole email and nothing else. No browser is ever downloaded.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

WIDTHS = (375, 600)
MAX_HEIGHT = 16_000  # a runaway layout must not produce a gigapixel PNG
TIMEOUT_S = 60
# Quiet, offline, throwaway: these machines have no network, and Chromium would otherwise keep
# trying to reach Google's services at every start.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
)
_MEASURE = (
    "<script>var d=document.documentElement;"
    "d.setAttribute('data-shot-height',Math.ceil(d.scrollHeight));"
    "d.setAttribute('data-shot-width',Math.ceil(d.scrollWidth));"
    "d.setAttribute('data-shot-viewport',window.innerWidth);</script>"
)
_ATTR = re.compile(r'data-shot-(height|width|viewport)="(\d+)"')


@dataclass(frozen=True, slots=True)
class Shot:
    width: int  # the window width asked for
    png: Path
    dom: str  # the DOM after layout at that width (with the measuring attributes)
    page_height: int
    scroll_width: int  # wider than `viewport` means the email scrolls sideways on a phone
    viewport: int


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(chromium: str, profile: Path, args: list[str]) -> str:
    proc = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"chromium exited {proc.returncode}: {' | '.join(tail)}")
    return proc.stdout


def capture(
    html_path: Path, out_dir: Path, widths: tuple[int, ...] = WIDTHS, chromium: str | None = None
) -> list[Shot]:
    """Screenshot `html_path` at each width into out_dir/email-<width>.png; [] without Chromium."""
    chromium = chromium or find_chromium()
    if chromium is None:
        log.warning("screenshots skipped: no chromium on PATH (apt-get install chromium)")
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    shots: list[Shot] = []
    with tempfile.TemporaryDirectory(prefix="verdicts-shot-") as tmp:
        work = Path(tmp)
        probe = work / "probe.html"
        source = html_path.read_text(encoding="utf-8")
        head, sep, tail = source.rpartition("</body>")
        probe.write_text(head + _MEASURE + sep + tail if sep else source + _MEASURE, "utf-8")
        for width in widths:
            # A fresh profile per run: nothing carried between widths or between issues.
            dom = _run(
                chromium,
                work / f"profile-dom-{width}",
                [f"--window-size={width},800", "--dump-dom", probe.as_uri()],
            )
            sizes = {k: int(v) for k, v in _ATTR.findall(dom)}
            height = min(max(sizes.get("height", 800), 200), MAX_HEIGHT)
            png = out_dir / f"email-{width}.png"
            _run(
                chromium,
                work / f"profile-png-{width}",
                [f"--window-size={width},{height}", f"--screenshot={png}", html_path.resolve().as_uri()],
            )
            shots.append(
                Shot(width, png, dom, height, sizes.get("width", 0), sizes.get("viewport", 0))
            )
    return shots


def take_screenshots(html_path: Path, out_dir: Path) -> list[Path]:
    """The email at 375 px and 600 px wide as PNGs in out_dir ([] and a log line if impossible)."""
    try:
        return [shot.png for shot in capture(html_path, out_dir)]
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
        log.warning("screenshots skipped: %s", exc)
        return []
