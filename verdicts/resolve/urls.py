"""Canonical URLs: one spelling per product page, so sightings on different sites meet.

Sources decorate links with tracking parameters and wrap them in redirectors; the same GitHub
repository shows up as `GitHub.com/Owner/Repo/`, `github.com/owner/repo.git` and
`github.com/owner/repo/tree/main`. `canonical_url` folds all of those to one string.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

# Parameters that say where a click came from, never which page it is.
_TRACKING = re.compile(
    r"^(utm_.*|ref|ref_src|ref_url|source|src|via|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|"
    r"igshid|yclid|_hsenc|_hsmi|app_id|hmb_.*|trk|si|s_cid|cmpid|campaign)$",
    re.I,
)

# Redirectors whose target travels in a query parameter: (host, path prefix, parameter).
_WRAPPERS: tuple[tuple[str, str, str], ...] = (
    ("l.facebook.com", "/l.php", "u"),
    ("lm.facebook.com", "/l.php", "u"),
    ("l.instagram.com", "/", "u"),
    ("google.com", "/url", "q"),
    ("out.reddit.com", "/", "url"),
    ("href.li", "/", ""),
    ("t.umblr.com", "/redirect", "z"),
    ("slack-redir.net", "/link", "url"),
    ("youtube.com", "/redirect", "q"),
    ("producthunt.com", "/r/", "url"),
    ("news.ycombinator.com", "/r", "url"),
)

# Listing sites: their pages describe a launch, they are not the product. Their URLs identify a
# listing (or, on Product Hunt's /products/<maker>, a whole company), so they merge sightings only
# together with a matching name.
LISTING_HOSTS = frozenset(
    {
        "producthunt.com",
        "news.ycombinator.com",
        "theresanaiforthat.com",
        "futurepedia.io",
        "reddit.com",
        "old.reddit.com",
        "twitter.com",
        "x.com",
        "alternativeto.net",
    }
)

# Hosts where a repository is the product: owner/name is the identity, the rest is navigation.
_REPO_HOSTS = frozenset({"github.com", "gitlab.com", "huggingface.co", "codeberg.org"})


def _unwrap(url: str) -> str:
    """Follow redirect wrappers that carry their target (at most a few levels, no network)."""
    for _ in range(3):
        parts = urlsplit(url)
        host = _bare_host(parts.hostname or "")
        for w_host, w_path, param in _WRAPPERS:
            if host == w_host and parts.path.startswith(w_path):
                if not param:  # href.li/?https://target
                    target = unquote(parts.query)
                else:
                    target = dict(parse_qsl(parts.query)).get(param, "")
                if target.startswith(("http://", "https://")):
                    url = target
                    break
        else:
            return url
    return url


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in ("www.", "m.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def canonical_url(url: str) -> str:
    """One spelling per page: https, bare lower-case host, no tracking, no trailing slash.

    Returns "" for anything that is not an http(s) URL (untrusted input never becomes a link).
    """
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        return ""
    url = _unwrap(url)
    parts = urlsplit(url)
    host = _bare_host(parts.hostname or "")
    if not host:
        return ""
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    if host in _REPO_HOSTS:
        segments = [s for s in path.split("/") if s]
        # huggingface.co/spaces/owner/name and /datasets/owner/name keep their kind prefix.
        keep = 3 if segments and segments[0] in {"spaces", "datasets"} else 2
        segments = segments[:keep]
        if segments:
            segments[-1] = segments[-1].removesuffix(".git")
        path = ("/" + "/".join(segments)).lower() if segments else ""
        query = []
    elif host == "producthunt.com":
        # /r/p/<id> (the "visit" redirect) and /posts/<slug> keep only their identifying part.
        path = path.lower()
        query = []
    elif host == "news.ycombinator.com":
        query = [(k, v) for k, v in query if k == "id"]
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def host_of(url: str) -> str:
    return _bare_host(urlsplit(url).hostname or "") if url else ""


def is_listing_url(url: str) -> bool:
    """True when the URL is a page about the launch on a listing site, not the product itself."""
    return host_of(url) in LISTING_HOSTS


def repo_slug(url: str) -> str:
    """'owner/name' for repository URLs (GitHub, Hugging Face...), else ''."""
    canon = canonical_url(url)
    if host_of(canon) not in _REPO_HOSTS:
        return ""
    segments = [s for s in urlsplit(canon).path.split("/") if s]
    if segments and segments[0] in {"spaces", "datasets"}:
        segments = segments[1:]
    return "/".join(segments) if len(segments) == 2 else ""
