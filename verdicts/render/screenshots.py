"""Screenshots of the email at phone and desktop widths, by Debian's headless Chromium.

Written next to the issue for the editor. Playwright drives /usr/bin/chromium (never a
downloaded browser): headless Chromium's window cannot be narrower than 500 px, so the 375 px
phone width needs the viewport emulation Playwright gives. Each capture also returns the DOM
after layout, which the tests read to check the card text is there at both widths.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

WIDTHS = (375, 600)
MAX_HEIGHT = 16_000  # a runaway layout must not produce a gigapixel PNG
TIMEOUT_MS = 30_000
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


@dataclass(frozen=True, slots=True)
class Shot:
    width: int
    png: Path
    dom: str  # the DOM after layout at that width
    text: str  # what a reader sees (document.body.innerText)
    page_height: int
    scroll_width: int  # wider than `width` means the email scrolls sideways


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _capture(html_path: Path, out_dir: Path, widths: tuple[int, ...], chromium: str) -> list[Shot]:
    from playwright.sync_api import sync_playwright

    shots: list[Shot] = []
    url = html_path.resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="verdicts-shot-") as profile, sync_playwright() as pw:
        # A fresh profile each time: nothing carried between issues.
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=chromium,
            args=list(FLAGS),
            headless=True,
            viewport={"width": widths[0], "height": 800},
            java_script_enabled=True,  # only our measuring calls run; the email has no script
            offline=True,
        )
        try:
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            for width in widths:
                page.set_viewport_size({"width": width, "height": 800})
                page.goto(url, wait_until="load")
                height = int(page.evaluate("document.documentElement.scrollHeight"))
                scroll_width = int(page.evaluate("document.documentElement.scrollWidth"))
                png = out_dir / f"email-{width}.png"
                page.set_viewport_size({"width": width, "height": min(height, MAX_HEIGHT)})
                page.screenshot(path=str(png), full_page=False)
                shots.append(
                    Shot(
                        width=width,
                        png=png,
                        dom=page.content(),
                        text=page.inner_text("body"),
                        page_height=height,
                        scroll_width=scroll_width,
                    )
                )
        finally:
            context.close()
    return shots


def capture(
    html_path: Path, out_dir: Path, widths: tuple[int, ...] = WIDTHS, chromium: str | None = None
) -> list[Shot]:
    """Screenshot `html_path` at each width into out_dir/email-<width>.png; [] without Chromium."""
    chromium = chromium or find_chromium()
    if chromium is None:
        log.warning("screenshots skipped: no chromium on PATH (apt-get install chromium)")
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    # Playwright's sync API refuses to run inside an event loop (an async Prefect task, the
    # aiohttp web app); a worker thread has none.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_capture, html_path, out_dir, widths, chromium).result()


def take_screenshots(html_path: Path, out_dir: Path) -> list[Path]:
    """The email at 375 px and 600 px wide as PNGs in out_dir ([] and a log line if impossible)."""
    try:
        return [shot.png for shot in capture(html_path, out_dir)]
    except Exception as exc:  # the editor's preview must never fail the weekly build
        log.warning("screenshots skipped: %s", exc)
        return []
