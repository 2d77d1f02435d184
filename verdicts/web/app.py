"""Building the aiohttp application. Each resource lives in its own module with a `setup(app)`
that adds its routes, the same seam an extension would use (one handler file per resource)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from aiohttp import web

from verdicts.settings import Settings, get_settings
from verdicts.store.db import Store, open_store

SETTINGS = web.AppKey("settings", Settings)
STORE = web.AppKey("store", Store)

# Resource modules, in the order their routes are added. Each has `setup(app: web.Application)`.
RESOURCES = (
    "verdicts.web.archive",  # public archive of issues and comparison pages
    "verdicts.web.subscribe",  # sign up, double opt-in confirmation
    "verdicts.web.unsubscribe",  # RFC 8058 one-click unsubscribe, preferences
    "verdicts.web.votes",  # community votes (GET shows, POST records)
    "verdicts.web.review",  # the editor's review pages (login required)
    "verdicts.web.webhooks",  # SendGrid Event Webhook
)


def create_app(settings: Settings | None = None, store: Store | None = None) -> web.Application:
    settings = settings or get_settings()
    app = web.Application(client_max_size=8_000_000)
    app[SETTINGS] = settings
    app[STORE] = store or open_store(settings.sqlalchemy_url)
    from verdicts.web.security import security_middlewares

    app.middlewares.extend(security_middlewares(settings))
    for name in RESOURCES:
        module = importlib.import_module(name)
        module.setup(app)
    return app


def run(
    host: str = "127.0.0.1",
    port: int = 8080,
    settings: Settings | None = None,
    print_fn: Callable[..., None] | None = print,
) -> None:
    """Serve until interrupted. No access log: request paths carry personal link tokens."""
    web.run_app(create_app(settings), host=host, port=port, access_log=None, print=print_fn)
