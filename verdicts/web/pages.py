"""What every reader page shares: the templates, the page frame, and running blocking work.

Reader pages extend the web archive's `web/base.html.j2`, so the archive and the forms look
like one site. Autoescape is on for every .html template; values are data, never templates.
The store (SQLAlchemy) and the senders are blocking: handlers run them in a worker thread so a
slow database or provider never stalls the other requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from verdicts.settings import Settings
from verdicts.store.db import Store
from verdicts.web.app import SETTINGS, STORE
from verdicts.web.security import RateLimiter, client_ip

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SiteLinks:
    """What web/base.html.j2 reads. Relative: the pages work whatever host serves them."""

    archive: str = "/archive/"
    subscribe: str = "/subscribe"


@lru_cache(maxsize=2)
def page_env(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    return Environment(
        loader=FileSystemLoader(templates_dir),
        # .html.j2 pages and emails escape everything; .txt.j2 emails have no markup to break.
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2"),
            disabled_extensions=("txt", "txt.j2"),
            default=True,
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_text(template: str, **context: Any) -> str:
    return page_env().get_template(template).render(**context)


def settings_of(request: web.Request) -> Settings:
    return request.app[SETTINGS]


def store_of(request: web.Request) -> Store:
    return request.app[STORE]


def page(
    request: web.Request,
    template: str,
    *,
    status: int = 200,
    response: web.Response | None = None,
    folder: str = "reader",
    **context: Any,
) -> web.Response:
    """Render a page of `templates/web/<folder>/` into `response` (or a new one) in the site frame."""
    settings = settings_of(request)
    response = response or web.Response()
    response.set_status(status)
    response.content_type = "text/html"
    response.charset = "utf-8"
    response.text = render_text(
        f"web/{folder}/{template}",
        brand=settings.from_name,
        postal_address=settings.postal_address,
        links=SiteLinks(),
        **context,
    )
    return response


def message(request: web.Request, title: str, body: str, *, status: int = 200) -> web.Response:
    """A plain page that says one thing: a refusal, an expired link, a thank-you."""
    return page(request, "message.html.j2", status=status, title=title, body=body)


async def blocking(func: Callable[..., T], *args: Any) -> T:
    return await asyncio.to_thread(func, *args)


def limited(request: web.Request, limiter: RateLimiter, action: str) -> web.Response | None:
    """A 429 page when this client has used up its allowance for `action`, else None."""
    if limiter.allow(f"{action}:{client_ip(request)}"):
        return None
    response = message(
        request,
        "Slow down a little",
        "Too many requests from your network in a short time. Wait a minute and try again.",
        status=429,
    )
    response.headers["Retry-After"] = "60"
    return response


async def form_of(request: web.Request) -> dict[str, list[str]]:
    """The posted form as lists of values (a checkbox group posts one name many times)."""
    data = await request.post()
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        if isinstance(value, str):
            out.setdefault(key, []).append(value[:2000])
    return out
