"""The fake SendGrid on loopback, and settings that point the sendgrid sender at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from verdicts.settings import Settings, get_settings

from .fake_sendgrid import API_KEY, FakeSendGrid


@pytest.fixture(autouse=True)
def _no_screenshots(monkeypatch: pytest.MonkeyPatch) -> None:
    # Drafting takes the editor's browser screenshots (seconds per draft here); they are the
    # renderer's business and tested there. Delivery tests need the draft, not its pictures.
    monkeypatch.setattr("verdicts.render.screenshots.take_screenshots", lambda *a, **k: [])


@pytest.fixture
def fake_sendgrid() -> Iterator[FakeSendGrid]:
    fake = FakeSendGrid()
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture
def sg_settings(fake_sendgrid: FakeSendGrid, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("VERDICTS_SENDER", "sendgrid")
    monkeypatch.setenv("SENDGRID_API_KEY", API_KEY)
    monkeypatch.setenv("VERDICTS_SENDGRID_HOST", fake_sendgrid.url)
    monkeypatch.setenv("VERDICTS_SEND_MAX_RPS", "0")
    monkeypatch.setenv("VERDICTS_SENDGRID_TIMEOUT_S", "5")
    get_settings.cache_clear()
    return get_settings()
