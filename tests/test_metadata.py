"""What search engines and link previews read: title, description, canonical, Open Graph, Twitter, JSON-LD."""

import json
import re
from datetime import datetime, timedelta

import extruct
import pytest
from django.utils import timezone
from lxml import html

from tests.factories import make_article, make_author, make_image, make_section, make_tag, picture_bytes

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def lead_image(**fields):
    return make_image(data=picture_bytes(1600, 1067), **fields)


def social_url(article):
    (url,) = [n for _w, _h, n in article.lead_image.renditions["social"]["jpeg"]]
    return BASE + "/media/" + article.lead_image.rendition_path(url)


def head_of(response):
    assert response.status_code == 200
    return html.fromstring(response.content)


def meta(tree, **attribute):
    ((key, value),) = attribute.items()
    return [element.get("content") for element in tree.findall(f".//head/meta[@{key}='{value}']")]


def json_ld(response):
    data = extruct.extract(response.content.decode(), base_url=BASE, syntaxes=["json-ld"], uniform=True)
    return data["json-ld"]


def test_article_page_metadata(client):
    author = make_author(name="Anna Petrova")
    article = make_article(
        headline="Harbour reopens after the storm",
        standfirst="Ships return to Northport a week after the surge.",
        section=make_section(name="City"),
        authors=[author],
        tags=[make_tag(name="Weather")],
        lead_image=lead_image(alt_text="Fishing boats moored in the harbour at dawn"),
        lead_image_caption="The harbour at dawn",
    )
    url = BASE + article.get_absolute_url()
    tree = head_of(client.get(article.get_absolute_url()))
    assert tree.findtext(".//title").startswith(article.headline)
    assert meta(tree, name="description") == [article.standfirst]
    assert [link.get("href") for link in tree.findall(".//head/link[@rel='canonical']")] == [url]
    assert meta(tree, property="og:type") == ["article"]
    assert meta(tree, property="og:title") == [article.headline]
    assert meta(tree, property="og:description") == [article.standfirst]
    assert meta(tree, property="og:url") == [url]
    image_url = social_url(article)
    assert meta(tree, property="og:image") == [image_url]
    assert meta(tree, property="og:image:width") == ["1200"]
    assert meta(tree, property="og:image:height") == ["630"]
    # The picture's alt text, not the caption (screen readers would hear the caption twice).
    assert meta(tree, property="og:image:alt") == ["Fishing boats moored in the harbour at dawn"]
    assert meta(tree, property="article:section") == ["City"]
    assert meta(tree, name="twitter:card") == ["summary_large_image"]
    assert meta(tree, name="twitter:image") == [image_url]


def test_article_json_ld_is_a_complete_news_article(client):
    published = timezone.now() - timedelta(days=1)
    updated = timezone.now() - timedelta(hours=2)
    author = make_author(name="Иван Петров", slug="ivan-petrov")
    article = make_article(
        headline="Городской совет утвердил бюджет",
        standfirst="Депутаты приняли бюджет на 2027 год.",
        language="ru",
        section=make_section(name="Город"),
        authors=[author],
        lead_image=lead_image(),
        publish_at=published,
        content_updated_at=updated,
    )
    (data,) = json_ld(client.get(article.get_absolute_url()))
    url = BASE + article.get_absolute_url()
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["description"] == article.standfirst
    assert abs(datetime.fromisoformat(data["datePublished"]) - published) < timedelta(milliseconds=1)
    assert abs(datetime.fromisoformat(data["dateModified"]) - updated) < timedelta(milliseconds=1)
    assert data["author"] == [
        {"@type": "Person", "name": "Иван Петров", "url": f"{BASE}/authors/ivan-petrov/"}
    ]
    assert data["image"] == [social_url(article)]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Newsroom"
    assert data["mainEntityOfPage"]["@id"] == url
    assert data["inLanguage"] == "ru"
    assert data["articleSection"] == "Город"


def test_russian_article_page_declares_its_language(client):
    article = make_article(language="ru", headline="Новости")
    tree = head_of(client.get(article.get_absolute_url()))
    # The page is the English site's; the article in it is Russian (WCAG 3.1.2; tests/test_language.py).
    assert tree.get("lang") == "en"
    assert tree.xpath("//article[@class='article']/@lang") == ["ru"]
    assert meta(tree, property="og:locale") == ["ru_RU"]


def test_description_falls_back_to_the_approved_summary_only(client):
    approved = make_article(standfirst="", summary="The approved summary in two sentences. Short.")
    unapproved = make_article(
        standfirst="",
        body="<p>Body first words.</p>",
        summary="Secret draft summary.",
        summary_approved=False,
    )
    assert meta(head_of(client.get(approved.get_absolute_url())), name="description") == [
        "The approved summary in two sentences. Short."
    ]
    unapproved_page = client.get(unapproved.get_absolute_url())
    assert meta(head_of(unapproved_page), name="description") == ["Body first words."]
    assert b"Secret draft summary" not in unapproved_page.content


def test_long_description_is_truncated(client):
    article = make_article(standfirst="word " * 100)
    (description,) = meta(head_of(client.get(article.get_absolute_url())), name="description")
    assert len(description) <= 160
    assert description.endswith("…")


def test_json_ld_is_safely_escaped(client):
    headline = 'Quotes " and \' and </script><script>alert("x")</script> <!-- & more'
    article = make_article(headline=headline, standfirst="</SCRIPT> too")
    response = client.get(article.get_absolute_url())
    content = response.content.decode()
    assert "</script><script>" not in content
    tree = html.fromstring(response.content)
    scripts = tree.findall(".//script")
    assert [script.get("type") for script in scripts] == ["application/ld+json"]
    assert "\\u003C/script\\u003E" in scripts[0].text
    assert json.loads(scripts[0].text)["headline"] == headline
    (data,) = json_ld(response)
    assert data["headline"] == headline
    assert data["description"] == "</SCRIPT> too"


def test_json_ld_needs_no_nonce_so_pages_stay_cacheable(client):
    article = make_article()
    response = client.get(article.get_absolute_url())
    (script,) = html.fromstring(response.content).findall(".//script[@type='application/ld+json']")
    assert script.get("nonce") is None
    assert "nonce-" not in response.content.decode()


def test_every_page_has_title_description_canonical_and_open_graph(client):
    article = make_article(tags=[make_tag()])
    year = article.publish_at.year
    pages = {
        "/": "/",
        article.get_absolute_url(): article.get_absolute_url(),
        article.section.get_absolute_url(): article.section.get_absolute_url(),
        article.authors.get().get_absolute_url(): article.authors.get().get_absolute_url(),
        article.tags.get().get_absolute_url(): article.tags.get().get_absolute_url(),
        "/archive/": "/archive/",
        f"/archive/{year}/": f"/archive/{year}/",
        "/search/?q=headline": "/search/",
        "/?page=1&utm_source=x": "/",
    }
    for url, canonical in pages.items():
        tree = head_of(client.get(url))
        assert tree.findtext(".//title").strip(), url
        assert tree.get("lang") in {"en", "ru"}, url
        (description,) = meta(tree, name="description")
        assert description.strip(), url
        assert [link.get("href") for link in tree.findall(".//head/link[@rel='canonical']")] == [
            BASE + canonical
        ], url
        assert meta(tree, property="og:title"), url
        assert meta(tree, property="og:url") == [BASE + canonical], url
        assert meta(tree, name="twitter:card") == ["summary"], url


def test_listing_canonical_keeps_the_page_number(client, settings):
    settings.ARTICLES_PER_PAGE = 1
    make_article()
    make_article()
    tree = head_of(client.get("/?page=2"))
    assert tree.find(".//head/link[@rel='canonical']").get("href") == f"{BASE}/?page=2"


def test_only_article_pages_carry_json_ld(client):
    article = make_article()
    for url in ["/", article.section.get_absolute_url(), "/search/?q=x"]:
        assert json_ld(client.get(url)) == [], url


def test_no_inline_scripts_or_styles_on_pages_with_metadata(client):
    article = make_article()
    for url in ["/", article.get_absolute_url(), "/search/?q=x"]:
        content = client.get(url).content.decode()
        scripts = re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", content)
        assert scripts == [], url
        assert "style=" not in content


def test_corrections_are_in_the_json_ld(client):
    from articles.models import Notice

    article = make_article()
    Notice.objects.create(article=article, text="An earlier version gave the wrong date.")
    (data,) = json_ld(client.get(article.get_absolute_url()))
    assert data["correction"][0]["@type"] == "CorrectionComment"
    assert data["correction"][0]["text"] == "An earlier version gave the wrong date."
    (plain,) = json_ld(client.get(make_article().get_absolute_url()))
    assert "correction" not in plain
