"""Article bodies are Markdown; this turns them into HTML that is safe to show, or plain text."""
import html
import re

import markdown
import nh3
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

MARKDOWN_SYNTAX = re.compile(r"^\s{0,3}(#{1,6}\s*|>\s?|[-*+]\s+|\d+\.\s+)|[*_`]+|!?\[([^\]]*)\]\([^)]*\)")


def render_markdown(text):
    """HTML for a body: script, event handlers and javascript: URLs never survive nh3."""
    html = markdown.markdown(text or "", extensions=["sane_lists"])
    return mark_safe(nh3.clean(html, link_rel="noopener noreferrer nofollow"))


def plain_text(text):
    """The whole body as plain text: one paragraph a block, subheads as lines of their own,
    Markdown marks and any HTML taken out (a script or style with its content). Not escaped:
    it is text, for a template or JSON to escape."""
    paragraphs = []
    for block in (text or "").split("\n\n"):
        lines = [MARKDOWN_SYNTAX.sub(lambda match: match.group(2) or "", line) for line in block.splitlines()]
        plain = "\n".join(" ".join(html.unescape(nh3.clean(line, tags=set())).split()) for line in lines).strip()
        if plain:
            paragraphs.append(plain)
    return "\n\n".join(paragraphs)


def plain_summary(text, length=120):
    """The body's first paragraph that is not a subhead, as plain text, cut to ``length`` characters."""
    for paragraph in (text or "").split("\n\n"):
        paragraph = paragraph.strip()
        if not paragraph or paragraph.startswith("#"):
            continue
        plain = MARKDOWN_SYNTAX.sub(lambda match: match.group(2) or "", paragraph)
        plain = nh3.clean(plain, tags=set())
        plain = " ".join(plain.split())
        if plain:
            return Truncator(plain).chars(length, truncate="…")
    return ""
