"""One SendGrid v3 mail/send body per batch: the shared parts built with the `sendgrid` package's
Mail helpers, the personalizations as plain dicts.

The issue is rendered once and its links expanded once per send (verdicts.links), so each
personalization carries only the recipient's reader token and address as substitutions, plus
their own `List-Unsubscribe` header. The header holds the URL itself, not a substitution tag:
SendGrid substitutes only in the subject, reply-to and content. SendGrid fills one substitution
value into both the text and the HTML part, so the HTML part gets its own tag for the address
(the one value that may need HTML escaping); our token values carry nothing HTML escapes, which
`substitutions` checks rather than assumes.

Why plain dicts for the personalizations: a `Personalization` helper per recipient (object,
header helper, `.get()`) cost more than everything else in building a 1000-recipient body, and
the dict is exactly what its `.get()` returns (`{"to": [...], "substitutions": {...},
"headers": {...}}`); the Prism conformance test holds the result to SendGrid's API description.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sendgrid.helpers.mail import (
    Asm,
    Category,
    CustomArg,
    From,
    GroupId,
    Header,
    HtmlContent,
    Mail,
    MailSettings,
    PlainTextContent,
    SandBoxMode,
)

from verdicts.deliver.base import Batch, Recipient
from verdicts.models import TOKEN_EMAIL, TOKEN_UNSUBSCRIBE_URL
from verdicts.render.tokens import tokens_in

MAX_PERSONALIZATIONS = 1000  # SendGrid's limit per request
MAX_SUBSTITUTION_BYTES = 10_000  # per personalization, as SendGrid's API description says
HTML_EMAIL_TOKEN = "-email_html-"
ISSUE_ARG, BATCH_ARG = "verdicts_issue", "verdicts_batch"  # custom_args: come back on events
_NEEDS_ESCAPE = re.compile(r"[&<>\"']")  # what html.escape(quote=True) would change


class BodyError(ValueError):
    """A batch that SendGrid would refuse or mis-send: nothing is sent."""


def html_for_sendgrid(html_part: str) -> str:
    return html_part.replace(TOKEN_EMAIL, HTML_EMAIL_TOKEN)


def substitutions(recipient: Recipient, wanted: frozenset[str]) -> dict[str, str]:
    values = recipient.values
    try:
        subs = {t: values[t] for t in wanted}
    except KeyError:
        missing = ", ".join(sorted(wanted - values.keys()))
        raise BodyError(f"no value for {missing} (delivery {recipient.delivery_id})") from None
    size = 0
    for token, value in subs.items():
        if token != TOKEN_EMAIL and _NEEDS_ESCAPE.search(value):
            raise BodyError(f"the value of {token} needs HTML escaping: check the base URL")
        size += len(token) + len(value.encode())
    email = values.get(TOKEN_EMAIL)
    if email is not None:
        escaped = html.escape(email, quote=True)
        subs[HTML_EMAIL_TOKEN] = escaped
        size += len(HTML_EMAIL_TOKEN) + len(escaped.encode())
    if size > MAX_SUBSTITUTION_BYTES:
        raise BodyError(
            f"{size} bytes of substitutions for one recipient; SendGrid takes at most "
            f"{MAX_SUBSTITUTION_BYTES}: send fewer comparisons per issue"
        )
    return subs


def personalization(recipient: Recipient, wanted: frozenset[str], mailto: str) -> dict[str, Any]:
    # {"email": address} rather than To(address): To() re-parses the address as "Name <addr>",
    # which can mangle a valid address that the store already validated and normalised.
    p: dict[str, Any] = {"to": [{"email": recipient.email}]}
    subs = substitutions(recipient, wanted)
    if subs:
        p["substitutions"] = subs
    unsubscribe = recipient.values.get(TOKEN_UNSUBSCRIBE_URL)
    if unsubscribe:
        p["headers"] = {"List-Unsubscribe": f"<{unsubscribe}>, <{mailto}>"}
    return p


@dataclass(frozen=True, slots=True)
class MailBody:
    """The shared parts (a helper-built Mail) and the personalizations; `.get()` is the body."""

    mail: Mail
    personalizations: list[dict[str, Any]]

    def get(self) -> dict[str, Any]:
        body: dict[str, Any] = self.mail.get()
        body["personalizations"] = self.personalizations
        return body


def build_mail(
    batch: Batch,
    *,
    asm_group_id: int | None = None,
    sandbox: bool = False,
    extra_args: Mapping[str, str] | None = None,
) -> MailBody:
    if not batch.recipients:
        raise BodyError("a batch without recipients")
    if len(batch.recipients) > MAX_PERSONALIZATIONS:
        raise BodyError(f"{len(batch.recipients)} recipients in one request (at most 1000)")
    env = batch.envelope
    html_part = html_for_sendgrid(env.html)
    wanted = tokens_in(env.text) | tokens_in(env.html) | tokens_in(env.subject)
    mail = Mail(
        from_email=From(env.from_email, env.from_name),
        subject=env.subject,
        plain_text_content=PlainTextContent(env.text),
        html_content=HtmlContent(html_part),
    )
    mailto = env.unsubscribe_mailto
    people = [personalization(r, wanted, mailto) for r in batch.recipients]
    if any(TOKEN_UNSUBSCRIBE_URL in r.values for r in batch.recipients[:1]):
        mail.add_header(Header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    for name in dict.fromkeys((*env.categories, env.week)):
        mail.add_category(Category(name[:255]))
    args = {ISSUE_ARG: str(batch.issue_id), BATCH_ARG: batch.batch_id, **(extra_args or {})}
    for key, value in args.items():
        mail.add_custom_arg(CustomArg(key, value))
    if asm_group_id is not None:
        mail.asm = Asm(GroupId(asm_group_id))
    if sandbox:
        mail.mail_settings = MailSettings(sandbox_mode=SandBoxMode(True))
    return MailBody(mail, people)
