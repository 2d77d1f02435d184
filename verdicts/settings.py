"""Every setting in one place. Each one is documented in the README; a test fails when one is not.

Values come from the environment (or a `.env` file in the working directory). Secrets are
`SecretStr`, so they print as '**********' in logs, reprs and errors.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="VERDICTS_", env_file=".env", extra="ignore", populate_by_name=True
    )

    # --- where things live -------------------------------------------------------------------
    data_dir: Path = Field(
        Path("var"), description="SQLite file, outbox, HTTP cache, embedding cache, screenshots."
    )
    digests_dir: Path = Field(Path("digests"), description="Rendered issues, one folder per week.")
    database_url: str | None = Field(
        None,
        validation_alias=AliasChoices("DATABASE_URL", "VERDICTS_DATABASE_URL"),
        description="SQLAlchemy URL; PostgreSQL when set, else SQLite in the data folder.",
    )
    sources_file: Path | None = Field(
        None, description="TOML file of sources to scrape; the bundled sources.toml when unset."
    )

    # --- what readers see ---------------------------------------------------------------------
    base_url: str = Field(
        "http://127.0.0.1:8080", description="Public URL of the web app; links in emails use it."
    )
    postal_address: str = Field(
        "Weekly AI Tool Verdicts, 1 Example Street, Springfield, USA",
        description="Postal address printed in every email footer (CAN-SPAM).",
    )
    from_email: str = Field("verdicts@example.com", description="From address of the issue.")
    from_name: str = Field("Weekly AI Tool Verdicts", description="From name of the issue.")
    editor_email: str = Field("editor@example.com", description="Where draft notices go.")
    screenshots: bool = Field(
        True,
        description="Screenshot each draft's email at phone and desktop widths (needs Chromium).",
    )
    pairs_per_issue: int = Field(5, ge=1, le=20, description="Comparisons in one issue at most.")
    repeat_window_issues: int = Field(
        8, ge=0, description="A pair shown in the last N issues is not shown again."
    )
    vote_minimum: int = Field(10, ge=1, description="Votes needed before the split is shown.")
    timezone: str = Field("Europe/London", description="The editor's timezone for the schedule.")

    # --- delivery -----------------------------------------------------------------------------
    sender: Literal["outbox", "sendgrid", "smtp"] = Field(
        "outbox", description="How issues go out: outbox (files), sendgrid, or smtp."
    )
    sendgrid_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("SENDGRID_API_KEY", "VERDICTS_SENDGRID_API_KEY"),
        description="SendGrid API key (secret).",
    )
    sendgrid_host: str = Field(
        "https://api.sendgrid.com",
        description="SendGrid API base URL (tests point it at loopback).",
    )
    sendgrid_sandbox: bool = Field(False, description="Ask SendGrid to validate without sending.")
    unsubscribe_mailbox: str = Field(
        "unsubscribe@example.com", description="mailto: target in List-Unsubscribe (older clients)."
    )
    send_grace_hours: float = Field(
        24,
        ge=0,
        description="An approved issue whose send slot passed longer ago needs re-approval.",
    )
    # --- editorial review (verdicts/review) ------------------------------------------------
    send_slot: str = Field(
        "Tue 09:00",
        pattern=r"^(?i:mon|tue|wed|thu|fri|sat|sun) [0-2]\d:[0-5]\d$",
        description="When an approved issue goes out: weekday and HH:MM in the editor's "
        "timezone, in the issue's ISO week.",
    )
    review_cutoff: str = Field(
        "",
        pattern=r"^((?i:mon|tue|wed|thu|fri|sat|sun) [0-2]\d:[0-5]\d)?$",
        description="Approval deadline (weekday HH:MM, editor's timezone, issue's week); an "
        "issue not approved by then is skipped. Empty: no cutoff.",
    )
    review_link_hours: float = Field(
        72, gt=0, description="How long a review link in the editor's notice stays valid."
    )
    editor_session_hours: float = Field(
        12, gt=0, description="How long an editor stays logged in to the review pages."
    )
    editor_accounts: dict[str, SecretStr] = Field(
        default_factory=dict,
        description='Editors who may log in: JSON {"name": "scrypt$..."}; make hashes with '
        "`verdicts editor-hash`.",
    )
    review_pause_hours: float = Field(
        24,
        ge=0,
        description="Under a Prefect deployment, how long the build waits for the editor's "
        "decision in the input form (0: no form).",
    )
    smtp_host: str = Field("127.0.0.1", description="SMTP server for sender=smtp.")
    smtp_port: int = Field(25, description="SMTP port for sender=smtp.")
    # --- delivery: throughput, failure handling, the Event Webhook (verdicts/deliver) --------
    send_concurrency: int = Field(
        4, ge=1, le=32, description="Provider requests in flight at once during a send."
    )
    send_batch_size: int = Field(
        1000, ge=1, le=1000, description="Recipients per SendGrid request (SendGrid takes 1000)."
    )
    send_max_rps: float = Field(
        10.0, ge=0, description="At most this many provider requests per second (0: no limit)."
    )
    sendgrid_timeout_s: float = Field(
        30.0, gt=0, description="Timeout of one SendGrid request (the client has none by default)."
    )
    sendgrid_asm_group_id: int | None = Field(
        None, description="SendGrid unsubscribe group (asm) of the issue; none when unset."
    )
    sendgrid_webhook_public_key: str | None = Field(
        None,
        description="Base64 ECDSA public key of the signed Event Webhook; the endpoint "
        "refuses every event while unset.",
    )
    sendgrid_webhook_max_age_s: int = Field(
        600, ge=30, description="Event Webhook requests signed longer ago than this are refused."
    )
    smtp_timeout_s: float = Field(30.0, gt=0, description="Timeout of one SMTP exchange.")
    smtp_starttls: bool = Field(False, description="Upgrade the SMTP connection with STARTTLS.")
    smtp_username: str | None = Field(None, description="SMTP login for sender=smtp.")
    smtp_password: SecretStr | None = Field(None, description="SMTP password (secret).")

    # --- secrets and tokens -------------------------------------------------------------------
    secret_key: SecretStr = Field(
        SecretStr("dev-only-change-me"),
        description="Signs vote, unsubscribe and review links. Set a long random value in production.",
    )

    # --- scraping -----------------------------------------------------------------------------
    user_agent_contact: str = Field(
        "https://example.com/verdicts-bot",
        description="Contact URL in the scraper's User-Agent, so site owners can reach us.",
    )
    source_rebase: str | None = Field(
        None,
        description="Serve every source URL from this origin instead (tests, demo): "
        "https://host/path becomes {rebase}/host/path.",
    )
    http_timeout_s: float = Field(20.0, gt=0, description="Whole-request timeout when scraping.")
    http_max_bytes: int = Field(10_000_000, gt=0, description="Largest response body accepted.")
    per_host_delay_s: float = Field(
        1.0, ge=0, description="Minimum gap between requests to a host."
    )

    # --- operations (verdicts serve, flows/deploy.py, verdicts/observability.py) -------------
    build_cron: str = Field(
        "0 6 * * 1",
        description="When the served weekly build runs: a cron in the editor's timezone.",
    )
    send_check_minutes: int = Field(
        15,
        ge=1,
        le=1440,
        description="How often the served send-approved deployment looks for approved issues "
        "whose send slot has come.",
    )
    log_format: Literal["text", "json"] = Field(
        "text",
        description="text: Prefect's console lines; json: one JSON object per line carrying "
        "the flow run id and the issue week.",
    )

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            url = self.database_url
            # Plain postgres URLs mean psycopg 3 here (SQLAlchemy's default driver is psycopg2).
            for prefix in ("postgresql://", "postgres://"):
                if url.startswith(prefix):
                    return "postgresql+psycopg://" + url[len(prefix) :]
            return url
        return f"sqlite:///{(self.data_dir / 'verdicts.sqlite3').resolve()}"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def http_cache_dir(self) -> Path:
        return self.data_dir / "http-cache"

    @property
    def embedding_cache(self) -> Path:
        """Launch embeddings kept between builds (verdicts/pairing/vector_cache.py)."""
        return self.data_dir / "embeddings.sqlite3"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
