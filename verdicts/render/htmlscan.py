"""One pass over rendered HTML collecting what preflight checks: links, images, markup, text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Markup an email must not carry: most clients strip it, and spam filters score it.
FORBIDDEN_TAGS = frozenset({"script", "form", "iframe", "object", "embed", "frame", "applet"})
_URL_ATTRS = frozenset({"href", "src", "background", "action", "poster", "srcset"})


@dataclass
class HtmlFacts:
    links: list[str] = field(default_factory=list)  # every href/src/... value, in order
    images_without_alt: list[str] = field(default_factory=list)  # their src
    forbidden: list[str] = field(default_factory=list)  # tag names, "link rel=stylesheet", ...
    html_lang: str | None = None
    title: str = ""
    text: str = ""  # visible text, entities decoded, whitespace collapsed


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = HtmlFacts()
        self._chunks: list[str] = []
        self._skip = 0  # inside <style>/<title>/<script>: not visible body text
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        facts = self.facts
        if tag == "html":
            facts.html_lang = values.get("lang")
        if tag in FORBIDDEN_TAGS:
            facts.forbidden.append(tag)
        if tag == "link" and "stylesheet" in values.get("rel", "").lower():
            facts.forbidden.append("link rel=stylesheet")
        if tag == "img" and "alt" not in values:
            facts.images_without_alt.append(values.get("src", ""))
        for name, value in values.items():
            if name in _URL_ATTRS:
                facts.links.append(value.strip())
            elif name.startswith("on"):
                facts.forbidden.append(f"{tag} {name}=")
        if tag in {"style", "script", "title"}:
            self._skip += 1
            self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script", "title"} and self._skip:
            self._skip -= 1
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.facts.title += data
        elif not self._skip:
            self._chunks.append(data)
        elif "@import" in data:
            self.facts.forbidden.append("@import")

    def finish(self) -> HtmlFacts:
        self.close()
        self.facts.text = " ".join(" ".join(self._chunks).split())
        self.facts.title = " ".join(self.facts.title.split())
        return self.facts


def scan_html(html: str) -> HtmlFacts:
    scanner = _Scanner()
    scanner.feed(html)
    return scanner.finish()
