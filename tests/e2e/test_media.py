"""Pictures through the real stack: an upload in the admin, renditions made by the worker, served by
nginx after the app's check, gone when the article is unpublished; and the same with S3 storage."""

import pytest
from django.urls import reverse

from images.models import Image
from tests.factories import PASSWORD, make_article, make_user, picture_bytes

MAGIC = {"image/avif": b"ftypavif", "image/webp": b"WEBP", "image/jpeg": b"\xff\xd8\xff"}


def upload(session, name, data, **fields):
    response = session.post(
        reverse("admin:images_image_add"),
        {"alt_text": "Cranes over the container quay", "credit": "Photo: E2E", **fields},
        files={"files": [(name, data, "image/jpeg")]},
    )
    assert response.status == 302, response.text[:2000]
    return Image.objects.get(title=name.rsplit(".", 1)[0].capitalize())


def rendition_urls(image):
    return {
        fmt: "/media/" + image.rendition_path(image.renditions["w"][fmt][0][2])
        for fmt in ("avif", "webp", "jpeg")
    }


def unpublish_in_the_admin(session, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = session.post(url, session.form(url, "article_form") | {"_unpublish": ["1"]})
    assert response.status == 302, response.text[:2000]


def ready(image):
    def check():
        image.refresh_from_db()
        return image.renditions_state == Image.State.READY and image.renditions

    return check


def test_an_upload_is_made_into_renditions_by_the_worker_and_served_by_nginx(stack, page):
    editor = make_user(group="Editors")
    session = stack.session().login(editor.username, PASSWORD)
    image = upload(session, "quay.jpg", picture_bytes(1600, 1067))
    stack.wait_for(ready(image), seconds=60, message="the worker making the renditions")
    article = make_article(lead_image=image, headline="Cranes return to the quay")
    html = stack.get(article.get_absolute_url()).text
    urls = rendition_urls(image)
    for content_type, url in zip(("image/avif", "image/webp", "image/jpeg"), urls.values(), strict=True):
        assert url in html
        response = stack.get(url)
        assert response.status == 200, url
        assert response.headers["Server"] == "nginx" and "X-Accel-Redirect" not in response.headers
        assert response.headers["Content-Type"] == content_type
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert MAGIC[content_type] in response.body[:16]
    assert stack.get("/media/" + image.file.name).status == 404, "originals are never public"
    assert stack.get("/_media/" + image.rendition_path(image.renditions["w"]["jpeg"][0][2])).status == 404

    # A phone, 390 CSS pixels wide: the browser picks a small AVIF, served through the stack.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(stack.url + article.get_absolute_url())
    lead = page.locator(".lead-image img")
    lead.evaluate("img => img.decode()")
    chosen = lead.evaluate("img => img.currentSrc")
    assert "/w480x" in chosen and chosen.endswith(".avif"), chosen
    assert lead.evaluate("img => img.complete && img.naturalWidth > 0"), "loaded through nginx"

    unpublish_in_the_admin(session, article)
    assert {stack.get(url).status for url in urls.values()} == {404}
    assert stack.get(article.get_absolute_url()).status == 404


def test_a_refused_upload_says_why_through_the_stack(stack):
    writer = make_user(group="Writers")
    session = stack.session().login(writer.username, PASSWORD)
    response = session.post(
        reverse("admin:images_image_add"),
        {},
        files={"files": [("cut.jpg", picture_bytes()[:900], "image/jpeg")]},
    )
    assert response.status == 400
    assert "is damaged or incomplete" in response.text
    assert Image.objects.count() == 0


@pytest.fixture
def s3_stack(stack, s3_server):
    bucket = s3_server.new_bucket("newsroom-e2e-media")
    stack.start(env=s3_server.env(bucket))
    yield stack, s3_server, bucket
    stack.start(env={"MEDIA_STORAGE": "local"})


def test_with_object_storage_every_server_shares_the_bucket(s3_stack):
    stack, s3_server, bucket = s3_stack
    editor = make_user(group="Editors")
    session = stack.session().login(editor.username, PASSWORD)
    image = upload(session, "harbour.jpg", picture_bytes(1200, 800))  # saved by gunicorn
    stack.wait_for(ready(image), seconds=60, message="the worker making the renditions")  # in the worker
    listed = s3_server.client().list_objects_v2(Bucket=bucket)
    stored = {item["Key"] for item in listed.get("Contents", [])}
    assert image.file.name in stored
    assert {image.rendition_path(name) for name in image.rendition_names()} <= stored
    article = make_article(lead_image=image)
    url = rendition_urls(image)["webp"]
    response = stack.get(url)
    assert response.status == 200 and response.headers["Content-Type"] == "image/webp"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    key = image.rendition_path(image.renditions["w"]["webp"][0][2])
    assert response.body == s3_server.client().get_object(Bucket=bucket, Key=key)["Body"].read()
    assert stack.get("/media/" + image.file.name).status == 404
    unpublish_in_the_admin(session, article)
    assert stack.get(url).status == 404
