"""``{% page_facsimile spread %}``: the printed page with its zones, for the edition view.

Zones are given only for the stories in the spread, which are the visitor's (readers: published
stories only), so a held-back story has no zone and no link."""
from django import template

from ..models import PageFacsimile, StoryZone

register = template.Library()

SCALE = 10000  # zone coordinates in the overlay: fractions of the page times this


@register.inclusion_tag("articles/_facsimile.html")
def page_facsimile(spread):
    page = spread.page
    scan = PageFacsimile.objects.filter(page=page).first() if page is not None else None
    if scan is None:
        return {"scan": None}
    scan.page = page
    by_id = {article.pk: article for article in spread.articles}
    zones = [
        {
            "article": by_id[zone.article_id],
            "x": round(zone.x * SCALE), "y": round(zone.y * SCALE),
            "w": round(zone.w * SCALE), "h": round(zone.h * SCALE),
        }
        for zone in StoryZone.objects.filter(page=page, article_id__in=by_id).order_by("article__position")
    ]
    has_edition_pdf = PageFacsimile.objects.filter(
        page__edition=spread.edition, kind=PageFacsimile.Kind.PDF
    ).exists()
    return {
        "scan": scan,
        "page": page,
        "edition": spread.edition,
        "zones": zones,
        "scale": SCALE,
        "has_edition_pdf": has_edition_pdf,
    }
