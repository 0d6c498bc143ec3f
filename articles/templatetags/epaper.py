"""Template helpers for the e-paper's pages."""
from django import template

from articles import metadata
from articles.markup import plain_summary

register = template.Library()


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, story):
    return metadata.script_json(metadata.news_article(story, context["request"]))


@register.simple_tag(takes_context=True)
def opengraph(context, story):
    return metadata.opengraph(story, context["request"])


@register.filter
def summary(body, length=120):
    return plain_summary(body, length)


@register.filter
def credits(article):
    """An article's bylines grouped as printed (uses prefetched bylines)."""
    from articles.reading import credit_groups

    return credit_groups(article)
