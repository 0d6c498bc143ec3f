"""Template helpers for the e-paper's pages."""
import re

from django import template

from articles import metadata, thumbnails
from articles.markup import plain_summary

register = template.Library()

SENTENCE_END = re.compile("[\u3002\uff01\uff1f!?][\u201d\u300d]?")  # 。!? and a closing quote


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, story):
    return metadata.script_json(metadata.news_article(story, context["request"]))


@register.simple_tag(takes_context=True)
def opengraph(context, story):
    return metadata.opengraph(story, context["request"])


@register.filter
def thumbnail(image):
    """The URL of a smaller copy of a photo, for lists."""
    return thumbnails.thumbnail_url(image)


@register.filter
def summary(body, length=120):
    return plain_summary(body, length)


@register.filter
def first_sentence(body, length=120):
    """The body's first sentence as plain text (up to its 。!? or ``length`` characters)."""
    text = plain_summary(body, length)
    match = SENTENCE_END.search(text)
    return text[: match.end()] if match else text


@register.filter
def credits(article):
    """An article's bylines grouped as printed (uses prefetched bylines)."""
    from articles.reading import credit_groups

    return credit_groups(article)


@register.filter
def traditional(article):
    """Is the story printed in traditional characters? Its element then carries lang="zh-Hant", so that
    readers' browsers and screen readers treat it so (and the stylesheet gives it traditional glyphs)."""
    return article.printed_in_traditional()


@register.filter
def in_script(word, article):
    """One of the site's own words printed beside a story's text (摄), in the story's script (攝)."""
    from articles.scripts import in_script as word_in_script

    return word_in_script(word, article.printed_in_traditional())
