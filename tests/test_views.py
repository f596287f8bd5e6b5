"""Reader pages: what they show, what they refuse, and how many queries they cost."""

from datetime import timedelta

import lxml.html
import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import make_article, make_author, make_section, make_tag

pytestmark = pytest.mark.django_db
TOGGLE = "No time to read? Get a summary"


def test_pages_answer_200(client):
    article = make_article(tags=[make_tag()])
    year, month = article.publish_at.year, article.publish_at.month
    urls = [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        article.authors.get().get_absolute_url(),
        article.tags.get().get_absolute_url(),
        "/archive/",
        f"/archive/{year}/",
        f"/archive/{year}/{month}/",
        "/healthz",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url",
    [
        "/articles/no-such-story/",
        "/sections/nope/",
        "/authors/nope/",
        "/tags/nope/",
        "/archive/2026/13/",
        "/archive/1066/",
        "/archive/99999/1/",
    ],
)
def test_unknown_things_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1e9", "%00"])
def test_odd_page_numbers_give_a_page_not_an_error(client, page):
    make_article()
    assert client.get("/", {"page": page}).status_code == 200


def test_article_page_shows_what_readers_need(client):
    author = make_author(name="Ada Byline")
    article = make_article(
        headline="Harbour bridge reopens",
        standfirst="After two years of repairs, traffic flows again.",
        body="<p>" + "word " * 450 + "</p>",
        authors=[author],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h1" in html and "Harbour bridge reopens" in html
    assert "After two years of repairs" in html
    assert f'href="{author.get_absolute_url()}">Ada Byline</a>' in html
    assert f'datetime="{timezone.localtime(article.publish_at).isoformat()}"' in html
    assert "3 min read" in html


def test_front_page_puts_newest_first_and_links_headlines(client):
    now = timezone.now()
    old = make_article(publish_at=now - timedelta(days=2), headline="Yesterday's news")
    new = make_article(publish_at=now - timedelta(minutes=5), headline="Breaking now")
    html = client.get("/").content.decode()
    assert html.index("Breaking now") < html.index("Yesterday&#x27;s news")
    assert f'<a href="{new.get_absolute_url()}">Breaking now</a>' in html
    assert old.get_absolute_url() in html


def test_front_page_paginates(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    now = timezone.now()
    for i in range(5):
        make_article(publish_at=now - timedelta(hours=i), headline=f"Story {i}")
    first, third = client.get("/").content.decode(), client.get("/?page=3").content.decode()
    assert "Story 0" in first and "Story 1" in first and "Story 2" not in first
    assert "Story 4" in third and "Story 0" not in third


def test_summary_toggle_only_for_an_approved_summary(client):
    approved = make_article(summary="The short version.")
    pending = make_article(summary="Not checked yet.", summary_approved=False)
    none = make_article()
    html = client.get(approved.get_absolute_url()).content.decode()
    assert "<details" in html and f"<summary>{TOGGLE}</summary>" in html
    assert "The short version." in html
    for article in (pending, none):
        html = client.get(article.get_absolute_url()).content.decode()
        assert TOGGLE not in html
        assert "Not checked yet." not in html


def test_the_summary_toggle_is_offered_again_at_the_end_from_the_same_partial(client):
    now = timezone.now()
    make_article(headline="Older story", publish_at=now - timedelta(hours=2))
    article = make_article(
        summary="The short version.", body="<p>Body text here.</p>", publish_at=now - timedelta(hours=1)
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count(f"<summary>{TOGGLE}</summary>") == 2
    first = html.index(TOGGLE)
    second = html.index(TOGGLE, first + 1)
    # Under the headline, then after the body, just before Previous/Next.
    assert html.index("<h1") < first < html.index("Body text here.") < second < html.index("Previous Article")
    toggles = lxml.html.fromstring(html).xpath("//details[@class='summary-toggle']")
    assert [t.xpath("string(.//div[@class='summary-toggle__text'])").strip() for t in toggles] == [
        "The short version.",
        "The short version.",
    ]
    # Both closed, and no shared name (which would make opening one close the other).
    assert [(t.get("open"), t.get("name")) for t in toggles] == [(None, None), (None, None)]
    source = (settings.BASE_DIR / "templates/articles/article_detail.html").read_text()
    assert source.count("{% partialdef summary") == 1 and source.count("{% partial summary %}") == 1


def test_summary_partial_renders_alone(rf):
    from django.template.loader import render_to_string

    article = make_article(summary="Just the gist.")
    html = render_to_string("articles/article_detail.html#summary", {"article": article})
    assert TOGGLE in html and "Just the gist." in html
    assert "<article" not in html


def test_body_is_sanitized_on_save():
    article = make_article(
        body='<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:x()">link</a></p>'
        '<svg><circle/></svg><iframe src="https://evil.example"></iframe><style>p{}</style>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    for tag in ("<svg", "<iframe", "<style"):
        assert tag not in article.body
    assert "Hello" in article.body


def test_section_page_lists_only_its_section(client):
    news, sport = make_section(name="News"), make_section(name="Sport")
    make_article(section=news, headline="Council votes")
    make_article(section=sport, headline="Cup final")
    html = client.get(news.get_absolute_url()).content.decode()
    assert "Council votes" in html and "Cup final" not in html
