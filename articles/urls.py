from django.urls import path, register_converter

from . import views
from .converters import IsoDateConverter

register_converter(IsoDateConverter, "isodate")

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<slug:slug>/reporters/<int:pk>/", views.ReporterView.as_view(), name="reporter"),
    path("<slug:slug>/<isodate:date>/", views.EditionView.as_view(), name="edition"),
    path("<slug:slug>/<isodate:date>/<int:number>/", views.PageView.as_view(), name="page"),
    path(
        "<slug:slug>/<isodate:date>/<int:number>/<int:pk>/",
        views.ArticleView.as_view(),
        name="article",
    ),
]
