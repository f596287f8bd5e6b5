"""The picture markup pages send: modern formats first, sizes for the slot, the lead image first to load."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_author, make_image, make_section, make_tag, picture_bytes

pytestmark = pytest.mark.django_db


def pictures(html):
    return re.findall(r"<picture[^>]*>.*?</picture>", html, re.S)


def test_the_article_s_lead_picture_offers_avif_webp_and_jpeg_at_every_width(client):
    image = make_image(
        data=picture_bytes(2400, 1600), alt_text="Cranes over the quay", caption="Library caption"
    )
    article = make_article(lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    (lead,) = pictures(html)
    avif, webp = re.findall(r'<source type="(image/\w+)" srcset="([^"]+)"', lead)
    assert [avif[0], webp[0]] == ["image/avif", "image/webp"], (
        "AVIF first: the browser takes the first it reads"
    )
    assert list(re.findall(r" (\d+)w", avif[1])) == [
        "320",
        "480",
        "640",
        "960",
        "1280",
        "1920",
    ]
    img = re.search(r"<img [^>]*>", lead)[0]
    assert re.search(r'src="/media/renditions/[^"]+/w640x427-[0-9a-f]+\.jpg"', img), "a JPEG fallback"
    assert 'sizes="(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)"' in img
    assert 'width="1920" height="1280"' in img and 'alt="Cranes over the quay"' in img
    assert 'fetchpriority="high"' in img and "loading=" not in img
    assert '<figcaption>Library caption <span class="credit">' in html


def test_cards_on_every_listing_show_a_small_lazy_crop(client):
    section, author, tag = make_section(), make_author(), make_tag()
    image = make_image(alt_text="The harbour")
    article = make_article(
        headline="Harbour news", lead_image=image, section=section, authors=[author], tags=[tag]
    )
    make_article(headline="The lead story without a picture")  # the pictured one becomes a card
    urls = ["/", section.get_absolute_url(), author.get_absolute_url(), tag.get_absolute_url(),
            reverse("articles:search") + "?q=harbour",
            reverse("articles:archive-year", args=[article.publish_at.year])]  # fmt: skip
    for url in urls:
        html = client.get(url).content.decode()
        (card,) = [p for p in pictures(html) if "article-card__picture" in p]
        assert "/card320x213-" in card and "/card640x427-" in card, url
        assert 'loading="lazy"' in card and 'alt="The harbour"' in card, url


def test_the_front_page_lead_story_loads_first_and_crops_around_the_focal_point(client):
    image = make_image(data=picture_bytes(1600, 1067))
    image.focal_x, image.focal_y = 0.3, 0.8
    image.save()
    make_article(lead_image=image)
    (lead,) = pictures(client.get("/").content.decode())
    assert lead.startswith('<picture class="lead-story__picture focal-x30 focal-y80">')
    assert 'fetchpriority="high"' in lead and "loading=" not in lead
