"""No text an editor held back ever reaches a reader.

A page is imported as the desk gets it, so its stored source text holds every story on it as it
came in. Its stories then go different ways: one is published, one stays a draft, one waits in
review, one is spiked, one is published and corrected afterwards (the source text keeps the old
wording). Every public address the site has is then read as an anonymous reader: none may show
the draft, the story in review, the spiked one, the uncorrected wording, the byline or photo
caption of a held-back story, or anything of an edition taken off the site; the published text
must be there. A second walk after a published story is spiked and another corrected proves that
no cached page keeps what was taken back.
"""
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from articles import services
from articles.models import Article, Edition, Page, Reporter
from articles.sitemaps import SITEMAPS

from .factories import UserFactory
from .held_back import COMMON, HELD_BACK, LATER_SPIKED, PUBLISHED, T, build_newsroom, correct, step, story

pytestmark = pytest.mark.django_db

# Public addresses that serve no text of ours: uploaded photo files, by their path, and a paper's card
# (a PNG of its name; tests/test_front.py reads it). Files, not pages: the printed page's PDFs are the
# page as printed (tests/test_facsimile.py checks they are held back with their edition).
NOT_TEXT = {"media", "articles:paper_card", "articles:page_pdf", "articles:edition_pdf"}


@pytest.fixture
def chief():
    return UserFactory(group="值班主任")


@pytest.fixture
def desk(chief):
    client = Client()
    client.force_login(chief)
    return client


@pytest.fixture
def newsroom(chief, desk):
    return build_newsroom(chief, desk)


# --- Every public address ----------------------------------------------------------------------


def public_url_names():
    """Every named address the URL resolver knows, the admin's excepted."""
    names = set()

    def visit(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                visit(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(":".join(filter(None, [namespace, pattern.name])))

    visit(get_resolver().url_patterns, "")
    return names


def public_urls():
    """Every public address for every row there is: pages, stories and reporters held back included."""
    editions = Edition.objects.select_related("publication")
    pages = Page.objects.select_related("edition__publication")
    articles = Article.objects.select_related("page__edition__publication")
    reporters = Reporter.objects.select_related("publication")
    searches = [COMMON, *PUBLISHED, *LATER_SPIKED, *HELD_BACK]
    urls = [
        reverse("articles:home"),
        reverse("articles:robots"),
        reverse("articles:search"),
        reverse("articles:sitemap"),
        *[reverse("articles:sitemap_section", args=[section]) for section in SITEMAPS],
        reverse("articles:news_sitemap"),
        reverse("articles:paper", args=["mmwb"]),
        reverse("articles:paper_feed", args=["mmwb"]),
        *[reverse("articles:pick_date", args=["mmwb"]) + f"?date={e.date}" for e in editions],
        reverse("articles:pick_date", args=["mmwb"]) + "?date=1999-01-01",  # before the first edition
        reverse("articles:pick_date", args=["mmwb"]) + "?date=昨天",  # not a date
        *[reverse("articles:archive", args=["mmwb", e.date.replace(day=1)]) for e in editions],
        *[e.get_absolute_url() for e in editions],
        *[p.get_absolute_url() for p in pages],
        *[a.get_absolute_url() for a in articles],
        *[r.get_absolute_url() for r in reporters],
        *[reverse("articles:reporter_feed", args=[r.publication.slug, r.pk]) for r in reporters],
        *[reverse("articles:search") + f"?q={query}" for query in searches],
        *[reverse("articles:search") + f"?q={COMMON}&author={r.name}" for r in reporters],
        *[reverse("articles:search") + f"?q={COMMON}&reporter={r.pk}" for r in reporters],
        *[reverse("articles:search") + f"?q={COMMON}&edition={e.pk}" for e in editions],
        reverse("articles:search") + f"?q={COMMON}&paper=mmwb",
        reverse("articles:api_editions"),
        reverse("articles:api_editions") + "?paper=mmwb",
        *[reverse("articles:api_edition", args=["mmwb", e.date]) for e in editions],
        *[reverse("articles:api_page", args=["mmwb", p.edition.date, p.number]) for p in pages],
        reverse("articles:api_articles"),
        *[reverse("articles:api_articles") + f"?paper=mmwb&date={e.date}" for e in editions],
        *[reverse("articles:api_article", args=[a.pk]) for a in articles],
    ]
    return urls


def walk(client):
    """Read every public address as an anonymous reader: {url: (view name, status, text)}.

    A redirect (a site of one paper opens at its latest edition; the date picker goes to an edition)
    must lead to an address that is walked too."""
    seen = {}
    urls = public_urls()
    for url in urls:
        response = client.get(url)
        if response.status_code == 302:
            assert response["Location"] in urls, f"{url} leads to {response['Location']}, which is not walked"
        assert response.status_code in (200, 302, 400, 404), f"{url}: {response.status_code}"
        text = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            text += json.dumps(response.json(), ensure_ascii=False)  # escaped or not, the text is found
        seen[url] = (resolve(url.split("?")[0]).view_name, response.status_code, text)
    return seen


def typed(url):
    """What the reader typed into the address: the search page repeats it back to them."""
    return [value for values in parse_qs(urlsplit(url).query).values() for value in values]


def assert_nothing_held_back(seen, held_back):
    for url, (_name, _status, text) in seen.items():
        echoed = [value for value in typed(url) if value in held_back]
        if echoed:
            # The reader's own words come back in the form; what matters is that nothing is found.
            assert "没有找到含有" in text and "search-results" not in text, f"{url} found a held-back story"
            for value in echoed:
                text = text.replace(value, "")
        leaked = [marker for marker in held_back if marker in text]
        assert not leaked, f"{url} shows held-back text: {leaked}"


def assert_shown(seen, markers):
    everything = "\n".join(text for url, (_n, _s, text) in seen.items() if not typed(url))
    missing = [marker for marker in markers if marker not in everything]
    assert not missing, f"published text missing from the site: {missing}"


def test_no_held_back_text_reaches_a_reader_anywhere(client, newsroom):
    seen = walk(client)

    assert public_url_names() - NOT_TEXT <= {name for name, _s, _t in seen.values()}, "a public address is not walked"
    assert_nothing_held_back(seen, HELD_BACK)
    assert_shown(seen, PUBLISHED + LATER_SPIKED)

    front_page = seen[reverse("articles:page", args=["mmwb", newsroom.date, 1])][2]
    assert "甲刊发正文暗记" in front_page and "戊新稿更正暗记" in front_page  # its text, as published
    drafts_only = seen[reverse("articles:page", args=["mmwb", newsroom.date, 2])][2]
    assert "本版没有已发布的稿件" in drafts_only
    api_page = client.get(reverse("articles:api_page", args=["mmwb", newsroom.date, 1])).json()
    assert "source_text" not in api_page
    assert "戊新稿更正暗记" in api_page["text"]
    for title in ["乙草稿", "丙待审", "丁撤稿", "己空版", "壬撤下期"]:
        held = story(title)
        assert seen[held.get_absolute_url()][1] == 404
        assert seen[reverse("articles:api_article", args=[held.pk])][1] == 404
    for name in ["邝乙秋", "乙办宣"]:  # credited only in a draft: no page of their own
        assert seen[Reporter.objects.get(name=name).get_absolute_url()][1] == 404
    everyone = seen[reverse("articles:search") + f"?q={COMMON}"][2]
    assert "找到 3 篇稿件" in everyone  # 甲, 戊 and 庚, and nothing else
    assert "甲刊发标题稳妥见报" in everyone and "戊新稿更正暗记" in everyone


def test_a_story_spiked_or_corrected_after_readers_saw_it_leaves_every_cached_page_at_once(client, chief, desk, newsroom):
    assert_shown(walk(client), LATER_SPIKED)  # the cache now holds every page with them

    step(chief, "庚后撤", T.SPIKE)
    correct(desk, "戊更正", "戊新稿更正暗记", "戊二次更正暗记")
    seen = walk(client)
    assert_nothing_held_back(seen, HELD_BACK + LATER_SPIKED + ["戊新稿更正暗记"])
    assert_shown(seen, ["甲刊发正文暗记", "戊二次更正暗记"])

    services.unpublish_edition(edition=newsroom, user=chief)
    assert_nothing_held_back(walk(client), HELD_BACK + LATER_SPIKED + PUBLISHED + ["戊二次更正暗记"])
