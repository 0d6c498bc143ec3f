"""A paper's card: a PNG with its name, the image a story without a photo stands under.

Search engines want a raster image for every NewsArticle; a story with no photo in a paper
with no logo gets this card. It is drawn with Pillow the first time it is asked for and kept
in the cache (a few kilobytes per paper), keyed by the paper's name, so renaming a paper draws
a new one.
"""
import hashlib
import io
import logging
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from PIL import Image, ImageDraw, ImageFont

from .models import Edition, Publication

logger = logging.getLogger(__name__)

SIZE = (1200, 630)  # what link previews and Google's article images expect at least
MASTHEAD_RED = (163, 18, 27)
CARD_SECONDS = 24 * 60 * 60


def card_key(publication):
    return "paper-card:" + hashlib.sha256(f"{publication.slug}\n{publication.name}".encode()).hexdigest()


def card_png(publication):
    """The card's PNG bytes, drawn once and then served from the cache."""
    key = card_key(publication)
    png = cache.get(key)
    if png is None:
        png = draw_card(publication)
        cache.set(key, png, None)
    return png


def draw_card(publication):
    image = Image.new("RGB", SIZE, MASTHEAD_RED)
    draw = ImageDraw.Draw(image)
    title, font = fitting_title(draw, publication)
    box = draw.textbbox((0, 0), title, font=font)
    x = (SIZE[0] - (box[2] - box[0])) // 2 - box[0]
    y = (SIZE[1] - (box[3] - box[1])) // 2 - box[1] - 30
    draw.text((x, y), title, font=font, fill="white")
    draw.line((300, 470, 900, 470), fill="white", width=4)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def fitting_title(draw, publication):
    """The paper's name in the CJK font, as large as fits; its slug if no such font is installed."""
    font_path = Path(settings.CARD_FONT)
    if font_path.is_file():
        for size in (180, 150, 120, 96, 72, 56):
            font = ImageFont.truetype(str(font_path), size)
            if draw.textlength(publication.name, font=font) <= SIZE[0] - 120:
                return publication.name, font
        return publication.name[:12], font
    logger.warning("No font for the paper card at %s: drawing the slug instead of the name", font_path)
    return publication.slug.upper(), ImageFont.load_default(size=120)


def paper_card(request, slug):
    """The card of a paper readers can see (one with a published edition that has a story to read): its name is no secret."""
    published = Publication.objects.filter(pk__in=Edition.objects.published().with_published_stories().values("publication"))
    publication = get_object_or_404(published, slug=slug)
    response = HttpResponse(card_png(publication), content_type="image/png")
    patch_cache_control(response, public=True, max_age=CARD_SECONDS)
    return response
