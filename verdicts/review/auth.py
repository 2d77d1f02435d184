"""Editor accounts and sessions for the review pages.

Accounts come from the settings (`VERDICTS_EDITOR_ACCOUNTS`: name -> scrypt hash made by
`verdicts editor-hash`), so no password is ever stored in clear or in the database. A session is
a signed, expiring cookie naming the editor and a fingerprint of their hash: changing the
password ends every session. The cookie is HttpOnly and SameSite=Strict (and Secure on https).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from aiohttp import web

from verdicts import tokens
from verdicts.settings import Settings

SESSION_COOKIE = "verdicts_editor"
SESSION_SCOPE = "editor-session"
_N, _R, _P = 2**14, 8, 1  # scrypt cost: ~50 ms and 16 MB here, per login attempt
# Compared against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str) -> str:
    if len(password) < 12:
        raise ValueError("use a password of at least 12 characters")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        kind, n, r, p, salt, digest = encoded.split("$")
        if kind != "scrypt":
            return False
        expected = _unb64(digest)
        got = hashlib.scrypt(
            password.encode(),
            salt=_unb64(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=64 * 1024 * 1024,
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, expected)


def _fingerprint(encoded: str) -> str:
    return hashlib.sha256(encoded.encode()).hexdigest()[:16]


def check_login(settings: Settings, name: str, password: str) -> str | None:
    """The editor's name when the password is theirs, else None (same cost either way)."""
    accounts = {k: v.get_secret_value() for k, v in settings.editor_accounts.items()}
    encoded = accounts.get(name.strip())
    ok = verify_password(password, encoded or _DUMMY)
    return name.strip() if ok and encoded else None


def session_token(settings: Settings, editor: str, *, now: float | None = None) -> str:
    encoded = settings.editor_accounts[editor].get_secret_value()
    return tokens.sign(
        settings.secret_key.get_secret_value(),
        SESSION_SCOPE,
        {"ed": editor, "fp": _fingerprint(encoded)},
        ttl_s=int(settings.editor_session_hours * 3600),
        now=now,
    )


def editor_of(settings: Settings, request: web.Request) -> str | None:
    """The logged-in editor, or None (no cookie, forged, expired, or the account changed)."""
    value = request.cookies.get(SESSION_COOKIE)
    if not value:
        return None
    try:
        data = tokens.verify(settings.secret_key.get_secret_value(), SESSION_SCOPE, value)
    except tokens.TokenError:
        return None
    editor = data.get("ed")
    account = settings.editor_accounts.get(editor) if isinstance(editor, str) else None
    if account is None or data.get("fp") != _fingerprint(account.get_secret_value()):
        return None
    return editor


def set_session(
    response: web.StreamResponse, request: web.Request, settings: Settings, editor: str
) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session_token(settings, editor),
        max_age=int(settings.editor_session_hours * 3600),
        httponly=True,
        samesite="Strict",
        secure=request.secure or settings.base_url.startswith("https://"),
        path="/review",
    )


def end_session(response: web.StreamResponse) -> None:
    response.del_cookie(SESSION_COOKIE, path="/review")
