"""Readable, stable URLs: /<paper>/<date>/<page>/<article id>/, and the feeds, maps and API beside them.

Fixed prefixes come first, so they win over a paper's slug: do not name a paper
api, search or archive.
"""
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from . import api, cards, facsimile_views, feeds, sitemaps, views
from .caching import public_page
from .converters import IsoDateConverter, YearMonthConverter

register_converter(IsoDateConverter, "isodate")
register_converter(YearMonthConverter, "yearmonth")

app_name = "articles"

discovery = [
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots, name="robots"),
]

json_api = [
    path("api/editions/", api.editions, name="api_editions"),
    path("api/editions/<slug:slug>/<isodate:date>/", api.edition, name="api_edition"),
    path("api/editions/<slug:slug>/<isodate:date>/<int:number>/", api.page, name="api_page"),
    path("api/articles/", api.articles, name="api_articles"),
    path("api/articles/<int:pk>/", api.article, name="api_article"),
]

epaper = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("<slug:slug>/", views.archive, name="paper"),
    path("<slug:slug>/archive/<yearmonth:month>/", views.archive, name="archive"),
    path("<slug:slug>/date/", views.pick_date, name="pick_date"),
    path("<slug:slug>/card.png", cards.paper_card, name="paper_card"),
    path("<slug:slug>/feed/", public_page(feeds.PaperFeed()), name="paper_feed"),
    path("<slug:slug>/reporters/<int:pk>/", views.reporter, name="reporter"),
    path("<slug:slug>/reporters/<int:pk>/feed/", public_page(feeds.ReporterFeed()), name="reporter_feed"),
    path("<slug:slug>/<isodate:date>/", views.edition, name="edition"),
    path("<slug:slug>/<isodate:date>/<int:number>/", views.edition, name="page"),
    path("<slug:slug>/<isodate:date>/pdf/", facsimile_views.edition_pdf, name="edition_pdf"),
    path("<slug:slug>/<isodate:date>/<int:number>/pdf/", facsimile_views.page_pdf, name="page_pdf"),
    path("<slug:slug>/<isodate:date>/<int:number>/<int:pk>/", views.article, name="article"),
]

urlpatterns = discovery + json_api + epaper
