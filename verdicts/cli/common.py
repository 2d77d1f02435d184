"""What every command shares: settings, the store, and one-line errors instead of tracebacks."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from verdicts.settings import Settings, get_settings
from verdicts.store.db import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])


class UserError(Exception):
    """A mistake the user can fix; printed as one line."""


def _expected() -> tuple[type[BaseException], ...]:
    # Errors that describe bad input or a refused action: one line, exit 1, no traceback.
    from pydantic import ValidationError

    from verdicts.deliver.drain import SendRefused
    from verdicts.lifecycle import TransitionError
    from verdicts.panel.load import PanelFileError
    from verdicts.store.issues import IssueNotFound
    from verdicts.store.subscribers import SubscriberFileError
    from verdicts.tokens import TokenError

    return (
        UserError,
        SendRefused,
        TransitionError,
        PanelFileError,
        IssueNotFound,
        SubscriberFileError,
        TokenError,
        LookupError,
        ValidationError,
        ValueError,
        FileNotFoundError,
        PermissionError,
    )


def fail(message: str, code: int = 1) -> typer.Exit:
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(code)


def one_line(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except _expected() as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise fail(message) from None

    return wrapper  # type: ignore[return-value]


def settings() -> Settings:
    return get_settings()


def store() -> Store:
    return open_store(get_settings().sqlalchemy_url)
