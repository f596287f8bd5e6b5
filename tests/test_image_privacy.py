"""The media gate: a picture reaches anonymous readers only while a public article uses it; originals never.

Every request here goes through the whole middleware stack (page cache included), as in production.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, ShareLink
from tests.factories import make_article, make_image, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def rendition_urls(image):
    return [
        "/media/" + image.rendition_path(name)
        for formats in image.renditions.values()
        for candidates in formats.values()
        for _w, _h, name in candidates
    ]


def statuses(client, urls):
    return {client.get(url).status_code for url in urls}


def test_a_draft_s_pictures_and_every_original_stay_hidden_until_it_is_published(client):
    editor = make_user(group="Editors")
    image = make_image()
    article = make_article(lead_image=image, status=Article.Status.DRAFT, publish_at=None)
    assert statuses(client, rendition_urls(image)) == {404}
    assert client.get("/media/" + image.file.name).status_code == 404

    workflow.publish(article, by=editor)
    response = client.get(rendition_urls(image)[0])
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert statuses(client, rendition_urls(image)) == {200}
    assert client.get("/media/" + image.file.name).status_code == 404, "originals are never public"


def test_unpublishing_stops_the_pictures_and_the_cached_pages_at_once(client):
    editor = make_user(group="Editors")
    image = make_image()
    article = make_article(lead_image=image)
    first = rendition_urls(image)[0]
    assert client.get(first).status_code == 200
    assert first in client.get("/").content.decode()  # the front page is now in the page cache
    workflow.unpublish(article, by=editor)
    assert client.get(first).status_code == 404
    assert first not in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_article_s_pictures_go_public_with_it(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    image = make_image()
    make_article(lead_image=image, publish_at=NOW + timedelta(hours=1))
    url = rendition_urls(image)[0]
    assert client.get(url).status_code == 404
    time_machine.move_to(NOW + timedelta(hours=1, seconds=1), tick=False)
    assert client.get(url).status_code == 200


def test_a_picture_only_in_a_public_body_is_public_and_one_in_no_article_is_not(client):
    in_body, unused = make_image(), make_image()
    make_article(body=f'<p>Text</p><figure><img data-image="{in_body.pk}"></figure>')
    assert statuses(client, rendition_urls(in_body)) == {200}
    assert statuses(client, rendition_urls(unused)) == {404}


def test_a_picture_shared_by_a_draft_and_a_public_article_is_public(client):
    image = make_image()
    make_article(lead_image=image, status=Article.Status.DRAFT)
    make_article(lead_image=image)
    assert client.get(rendition_urls(image)[0]).status_code == 200


def test_staff_with_the_library_see_any_picture_privately_and_other_accounts_do_not(client):
    image = make_image()
    make_article(lead_image=image, status=Article.Status.DRAFT)
    url = rendition_urls(image)[0]
    client.force_login(make_user())  # an account, not staff
    assert client.get(url).status_code == 404
    client.force_login(make_user(group="Writers"))
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]


def test_a_share_link_shows_its_draft_s_pictures_to_someone_without_an_account(client):
    editor = make_user(group="Editors")
    lead, other = make_image(), make_image()
    article = make_article(lead_image=lead, status=Article.Status.DRAFT, created_by=editor)
    link = ShareLink.objects.create(article=article, created_by=editor)
    url = rendition_urls(lead)[0]
    assert client.get(url).status_code == 404
    page = client.get(reverse("articles:share", args=[link.token]))
    assert page.status_code == 200 and url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    assert client.get(rendition_urls(other)[0]).status_code == 404, (
        "the grant covers this article's pictures only"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/media/",
        "/media/originals/",
        "/media/renditions/",
        "/media/renditions/../originals/x.jpg",
        "/media/renditions/AAAAAAAAAAAAAAAAAAAAAA/w320x213-000000000000.jpg",
        "/media/lead-images/2026/03/harbour.jpg",
    ],
)
def test_anything_else_under_media_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_media_answers_only_reads(client):
    image = make_image()
    make_article(lead_image=image)
    url = rendition_urls(image)[0]
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_behind_nginx_the_gate_hands_the_file_to_nginx(client, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/_media/"
    image = make_image()
    make_article(lead_image=image)
    name = image.renditions["w"]["avif"][0][2]
    response = client.get("/media/" + image.rendition_path(name))
    assert response["X-Accel-Redirect"] == "/_media/" + image.rendition_path(name)
    assert response["Content-Type"] == "image/avif" and response.content == b""


def test_a_preview_shows_staff_the_draft_s_pictures_from_the_site_even_with_a_cdn(client, settings):
    settings.MEDIA_URL = "https://media.example.com/media/"
    writer = make_user(group="Writers")
    image = make_image()
    article = make_article(lead_image=image, status=Article.Status.DRAFT, created_by=writer)
    client.force_login(writer)
    html = client.get(reverse("articles:preview", args=[article.pk])).content.decode()
    url = rendition_urls(image)[0]
    assert f'"{url}' in html or f" {url} " in html or f"{url} " in html
    assert "media.example.com" not in html, "private pages keep picture addresses on the site"
    assert client.get(url).status_code == 200


def test_public_pages_name_the_cdn_when_media_url_is_one(client, settings):
    settings.MEDIA_URL = "https://media.example.com/media/"
    image = make_image()
    article = make_article(lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "https://media.example.com/media/renditions/" + image.key in html
    assert client.get(rendition_urls(image)[0]).status_code == 200, "the CDN's origin request"
