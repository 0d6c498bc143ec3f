"""The front page and what every public page tells search engines and feed readers; the 往期 date
picker, the 今日 link and the page turning aids a reader gets on the e-paper."""
import datetime
import io
import json
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.models import Article

from .factories import ArticleFactory, EditionFactory, PageFactory, PhotoFactory, PublicationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 7, 15)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def png(name="photo.png", size=(40, 30), colour="navy"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def story(paper, *, date=DAY, number=1, position=1, status=Article.Status.PUBLISHED, page_name="要闻", **fields):
    """A story on a page of ``paper``'s published edition of ``date`` (made if missing)."""
    edition = paper.editions.filter(date=date).first() or EditionFactory(publication=paper, date=date, published=True)
    page = edition.pages.filter(number=number).first() or PageFactory(edition=edition, number=number, name=page_name)
    published_at = {"published_at": None} if status != Article.Status.PUBLISHED else {}
    return ArticleFactory(page=page, position=position, status=status, **published_at, **fields)


@pytest.fixture
def mmwb():
    return PublicationFactory(name="茂名晚报", slug="mmwb", description="茂名市委机关报的晚报。")


@pytest.fixture
def jmrb():
    return PublicationFactory(name="江门日报", slug="jmrb")


def home(client):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    return response.content.decode()


def section_of(html, slug):
    match = re.search(rf'<section class="front" aria-labelledby="paper-{slug}">.*?</section>', html, re.S)
    assert match, f"no front page for {slug}"
    return match.group(0)


def meta_description(html):
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1, found
    return found[0]


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


# --- The front page ----------------------------------------------------------------------------------


def test_the_front_page_shows_each_papers_lead_stories_with_headline_group_lead_photo_and_pages(client, mmwb, jmrb, media_root):
    lead = story(mmwb, kicker="全市上下齐心协力", title="热线当好总客服", subtitle="24小时接听市民来电",
                 body="## 小标题\n\n热线24小时有人接听,市民反映的问题件件有回音。第二句不必上首页。")
    PhotoFactory(article=lead, image=png(), caption="话务员接听市民来电")
    story(mmwb, position=2, title="第二条要闻")
    story(mmwb, number=2, title="二版的稿件", page_name="综合")
    story(mmwb, date=DAY - datetime.timedelta(days=1), title="昨天的头条")
    story(jmrb, title="稻花香里说丰年", body="我市今年晚稻面积8.82万公顷。")

    html = home(client)
    front = section_of(html, "mmwb")
    assert "全市上下齐心协力" in front and "热线当好总客服" in front and "24小时接听市民来电" in front
    assert "热线24小时有人接听" in front and "小标题" not in front  # a line of the body, not its subhead
    assert re.search(r'<img class="lead-photo" src="/media/photos/[^"]+\.png" alt="话务员接听市民来电"', front)
    assert f'href="{lead.get_absolute_url()}">热线当好总客服' in front
    assert "第二条要闻" in front and "二版的稿件" not in front  # leads come from 第01版 only
    assert ">第01版 要闻</a>" in front and ">第02版 综合</a>" in front  # the page list
    assert "2022年7月15日" in front and "昨天的头条" not in front  # the latest edition
    assert "稻花香里说丰年" in section_of(html, "jmrb")
    assert html.index("江门日报") < html.index("茂名晚报")  # in the order of their names (pinyin)


def test_a_large_lead_photo_is_sent_as_a_small_copy_held_back_like_the_photo(client, mmwb, jmrb, media_root, settings):
    settings.SERVE_MEDIA = True
    lead = story(mmwb, title="热线当好总客服")
    photo = PhotoFactory(article=lead, image=png("big.png", size=(3000, 2000), colour="teal"), caption="话务员")
    story(jmrb)

    front = section_of(home(client), "mmwb")

    src = re.search(r'<img class="lead-photo" src="([^"]+)"', front).group(1)
    assert src == f"/media/thumbs/720/{photo.image.name}.webp"
    response = client.get(src)
    small = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert (small.format, small.size) == ("WEBP", (720, 480))
    assert len(b"".join(client.get(photo.image.url).streaming_content)) > 0  # the original is still there for the story

    lead.status = Article.Status.SPIKED
    lead.published_at = None
    lead.save()
    assert client.get(src).status_code == 404  # a held-back story's photo is held back in every size


def test_a_story_without_photo_shows_no_image_and_only_photos_with_a_file_are_shown(client, mmwb, jmrb):
    PhotoFactory(article=story(mmwb, title="图片还没传上来"), caption="只有说明的图片")
    story(jmrb)
    front = section_of(home(client), "mmwb")
    assert "图片还没传上来" in front and "<img" not in front


def test_the_front_page_never_shows_a_held_back_story_headline_or_photo(client, mmwb, jmrb, media_root):
    story(mmwb, title="已发布的头条")
    for position, status in enumerate([Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.SPIKED], start=2):
        held = story(mmwb, position=position, status=status, kicker=f"扣发引题{position}", title=f"扣发标题{position}",
                     subtitle=f"扣发副题{position}", body=f"扣发正文{position}。")
        PhotoFactory(article=held, image=png(f"held{position}.png"), caption=f"扣发图片{position}")
    story(jmrb)

    html = home(client)
    assert "已发布的头条" in html
    assert "扣发" not in html and "held" not in html


def test_when_the_front_page_has_only_drafts_the_leads_come_from_the_first_page_with_a_story(client, mmwb, jmrb):
    story(mmwb, title="一版草稿头条", status=Article.Status.DRAFT)
    story(mmwb, number=2, page_name="综合", title="二版已发布")
    story(jmrb)
    front = section_of(home(client), "mmwb")
    assert "一版草稿头条" not in front
    assert ">第02版 综合</a></h3>" in front and "二版已发布" in front
    assert ">第01版 要闻</a></li>" in front  # still in the page list: its page is public, empty


def test_a_paper_with_no_published_edition_is_not_on_the_front_page_and_has_no_pages(client, mmwb, jmrb):
    story(jmrb)
    EditionFactory(publication=mmwb, date=DAY)  # a draft edition
    story(mmwb, date=DAY - datetime.timedelta(days=1), status=Article.Status.DRAFT, title="未发布")
    story(PublicationFactory(name="湛江日报", slug="zjrb"), title="第三份报纸")

    html = home(client)
    assert "茂名晚报" not in html and "未发布" not in html
    assert "江门日报" in html and "湛江日报" in html
    for url in (reverse("articles:paper", args=["mmwb"]), reverse("articles:pick_date", args=["mmwb"]) + "?date=2022-07-15",
                reverse("articles:paper_card", args=["mmwb"])):
        assert client.get(url).status_code == 404, url


def test_a_site_of_one_paper_opens_at_its_latest_readable_edition(client, mmwb):
    story(mmwb, title="今天的头条")
    story(mmwb, date=DAY + datetime.timedelta(days=1), status=Article.Status.DRAFT, title="明天的草稿")
    response = client.get(reverse("articles:home"))
    assert response.status_code == 302
    assert response["Location"] == "/mmwb/2022-07-15/"
    assert "今天的头条" in client.get(response["Location"]).content.decode()


def test_a_site_with_nothing_published_says_so(client, mmwb):
    EditionFactory(publication=mmwb, date=DAY)
    html = home(client)
    assert "还没有发布任何一期" in html
    assert meta_description(html)


def test_an_editor_previewing_sees_the_draft_leads_readers_do_not(client, admin_client, mmwb, jmrb):
    story(mmwb, title="草稿头条", status=Article.Status.DRAFT)
    story(mmwb, position=2, title="见报稿")
    story(jmrb)
    assert "草稿头条" in admin_client.get(reverse("articles:home")).content.decode()
    assert "草稿头条" not in home(client)


def test_the_front_page_runs_a_fixed_number_of_queries(client, mmwb, jmrb):
    story(mmwb)
    story(jmrb)
    small = queries_for_home(client)
    for paper in (mmwb, jmrb, PublicationFactory(name="湛江日报", slug="zjrb")):
        for number in range(1, 5):
            for position in range(1, 7):
                PhotoFactory(article=story(paper, number=number, position=position + 1))
    assert queries_for_home(client) == small <= 6


def queries_for_home(client):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        home(client)
    return len(queries)


# --- What each page says about itself ----------------------------------------------------------------


def test_every_public_page_has_a_meaningful_description(client, mmwb, jmrb):
    lead = story(mmwb, title="热线当好总客服", body="热线24小时有人接听。市民反映的问题件件有回音。")
    story(mmwb, position=2, title="第二条要闻")
    story(jmrb, title="稻花香里说丰年")
    reporter_story = story(jmrb, position=2)
    from .factories import BylineFactory

    reporter = BylineFactory(article=reporter_story, reporter__name="郭永乐", reporter__publication=jmrb).reporter

    home_text = meta_description(home(client))
    assert "茂名晚报2022年7月15日" in home_text and "《热线当好总客服》" in home_text and "《稻花香里说丰年》" in home_text
    article_text = meta_description(client.get(lead.get_absolute_url()).content.decode())
    assert article_text == "热线24小时有人接听。"  # the story's first sentence
    page_text = meta_description(client.get(lead.page.get_absolute_url()).content.decode())
    assert page_text == "茂名晚报2022年7月15日 第01版 要闻:热线当好总客服;第二条要闻"
    paper_text = meta_description(client.get(reverse("articles:paper", args=["mmwb"])).content.decode())
    assert "茂名晚报" in paper_text and "茂名市委机关报的晚报。" in paper_text
    assert "郭永乐" in meta_description(client.get(reporter.get_absolute_url()).content.decode())
    assert "搜索" in meta_description(client.get(reverse("articles:search")).content.decode())


def test_a_page_with_no_readable_story_still_says_which_page_it_is(client, mmwb):
    story(mmwb)
    story(mmwb, number=2, page_name="综合", status=Article.Status.DRAFT, title="草稿不进描述")
    text = meta_description(client.get("/mmwb/2022-07-15/2/").content.decode())
    assert text == "茂名晚报2022年7月15日 第02版 综合。"


def test_home_and_paper_pages_advertise_their_feeds(client, mmwb, jmrb):
    story(mmwb)
    story(jmrb)
    feeds = re.findall(r'<link rel="alternate" type="application/rss\+xml" title="([^"]+)" href="([^"]+)">', home(client))
    assert feeds == [("江门日报", "/jmrb/feed/"), ("茂名晚报", "/mmwb/feed/")]
    paper = client.get(reverse("articles:paper", args=["mmwb"])).content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="茂名晚报" href="/mmwb/feed/">' in paper
    for _title, href in feeds:
        assert client.get(href).status_code == 200


def test_an_articles_image_is_its_photo(client, mmwb, media_root):
    article = story(mmwb)
    PhotoFactory(article=article, image=png())
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert len(data["image"]) == 1 and re.fullmatch(r"http://testserver/media/photos/.+\.png", data["image"][0])


def test_without_a_photo_the_image_is_the_papers_logo_which_readers_can_fetch(client, mmwb, media_root, settings):
    settings.SERVE_MEDIA = True
    mmwb.logo = png("logo.png", (300, 80), "darkred")
    mmwb.save()
    article = story(mmwb)
    PhotoFactory(article=article, caption="没有图片文件的说明")
    html = client.get(article.get_absolute_url()).content.decode()
    assert json_ld(html)["image"] == [f"http://testserver{mmwb.logo.url}"]
    assert f'<meta property="og:image" content="http://testserver{mmwb.logo.url}">' in html
    assert client.get(mmwb.logo.url).status_code == 200


def test_without_photo_or_logo_the_image_is_a_generated_png_card_of_the_paper(client, mmwb):
    article = story(mmwb)
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["image"] == ["http://testserver/mmwb/card.png"]

    response = client.get("/mmwb/card.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "max-age=86400" in response["Cache-Control"]
    card = Image.open(io.BytesIO(response.content))
    assert card.format == "PNG" and card.size == (1200, 630)
    assert len(card.getcolors(maxcolors=1 << 20)) > 2  # the paper's name is drawn on it, not a blank field


def test_each_paper_gets_its_own_card_and_a_renamed_paper_a_new_one(client, mmwb, jmrb):
    story(mmwb)
    story(jmrb)
    first = client.get("/mmwb/card.png").content
    assert client.get("/jmrb/card.png").content != first
    mmwb.name = "茂名日报"
    mmwb.save()
    assert client.get("/mmwb/card.png").content != first


# --- 往期 date picker, 今日 -----------------------------------------------------------------------------


@pytest.fixture
def three_editions(mmwb):
    for day in (1, 3, 15):
        story(mmwb, date=datetime.date(2022, 7, day), title=f"七月{day}日头条")
    EditionFactory(publication=mmwb, date=datetime.date(2022, 7, 10))  # a draft edition between


def pick(client, date):
    return client.get(reverse("articles:pick_date", args=["mmwb"]), {"date": date})


@pytest.mark.usefixtures("three_editions")
def test_the_date_picker_goes_to_that_days_edition_or_the_nearest_earlier_published_one(client):
    assert pick(client, "2022-07-03")["Location"] == "/mmwb/2022-07-03/"
    assert pick(client, "2022-07-12")["Location"] == "/mmwb/2022-07-03/"  # the draft of the 10th is skipped
    assert pick(client, "2023-01-01")["Location"] == "/mmwb/2022-07-15/"


@pytest.mark.usefixtures("three_editions")
def test_a_date_before_the_first_edition_is_said_in_chinese_on_the_archive(client):
    response = pick(client, "2022-06-30")
    html = response.content.decode()
    assert response.status_code == 404
    assert "茂名晚报在2022年6月30日及以前没有出版的报纸。" in html
    assert 'value="2022-06-30"' in html and 'min="2022-07-01"' in html  # the picker again, with the first day
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.usefixtures("three_editions")
@pytest.mark.parametrize("typed", ["昨天", "2022-13-01", "2022-02-30", "", "<script>", "99999-01-01"])
def test_a_malformed_date_is_said_in_chinese(client, typed):
    response = pick(client, typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert "日期应写成 2022-07-15 这样。" in html
    assert "<script>" not in html.split("</head>")[1] and 'value=""' in html


@pytest.mark.usefixtures("three_editions")
def test_the_date_picker_is_a_plain_get_form_on_edition_and_archive_pages(client):
    for url in ("/mmwb/2022-07-03/", "/mmwb/"):
        html = client.get(url).content.decode()
        form = re.search(r'<form class="date-picker" action="/mmwb/date/" method="get">.*?</form>', html, re.S).group(0)
        assert '<label for="date-picker-mmwb">往期日期</label>' in form
        assert re.search(r'<input type="date" id="date-picker-mmwb" name="date" required', form)
        assert 'max="2022-07-15"' in form and '<button type="submit">查看</button>' in form


@pytest.mark.usefixtures("three_editions")
def test_the_today_link_leads_to_the_papers_latest_edition(client):
    older = client.get("/mmwb/2022-07-03/").content.decode()
    assert '<a class="today-link" href="/mmwb/2022-07-15/">今日</a>' in older
    latest = client.get("/mmwb/2022-07-15/1/").content.decode()
    assert '<a class="today-link" href="/mmwb/2022-07-15/" aria-current="date">今日</a>' in latest


def test_page_turning_links_carry_their_arrow_keys(client, mmwb):
    for number in (1, 2, 3):
        story(mmwb, number=number)
    html = client.get("/mmwb/2022-07-15/2/").content.decode()
    nav = re.search(r'<nav class="page-nav" aria-label="翻版" data-arrow-keys>.*?</nav>', html, re.S).group(0)
    assert 'rel="prev" href="/mmwb/2022-07-15/1/" aria-keyshortcuts="ArrowLeft">‹ 上一版 第01版' in nav
    assert 'rel="next" href="/mmwb/2022-07-15/3/" aria-keyshortcuts="ArrowRight">下一版 第03版 ›' in nav


def test_without_javascript_there_are_no_font_buttons_and_the_story_prints_its_address(client, mmwb):
    article = story(mmwb)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "A+" not in html and "放大字号" not in html  # made by the script, absent without it
    assert '<script src="/static/js/reader.js"></script>' in html
    assert f'<p class="print-url">本文网址:http://testserver{article.get_absolute_url()}</p>' in html
