"""The image library in the admin: the list, who may change what, the focal point, the editor's chooser."""

import json
import re

import pytest
from django.urls import reverse

from articles.models import Article
from images.models import Image
from tests import picture_files as files
from tests.factories import make_article, make_image, make_user, picture_bytes

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:images_image_changelist"


def login(client, group):
    user = make_user(group=group)
    client.force_login(user)
    return user


def image_form(image, **changes):
    data = {
        "title": image.title,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
    }
    if image.is_decorative:
        data["is_decorative"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_list_shows_thumbnails_and_searches_and_filters(client):
    login(client, "Writers")
    described = make_image(title="Harbour at dawn", alt_text="Boats at anchor", credit="Photo: Lund")
    undescribed = make_image(title="Crane", alt_text="")
    html = client.get(reverse(CHANGELIST)).content.decode()
    _w, _h, thumb = described.renditions["card"]["webp"][0]
    assert f'class="image-thumb" src="/media/{described.rendition_path(thumb)}"' in html
    assert "missing" in html
    found = client.get(reverse(CHANGELIST), {"q": "Lund"}).content.decode()
    assert "Harbour at dawn" in found and "Crane" not in found
    missing = client.get(reverse(CHANGELIST), {"alt": "missing"}).content.decode()
    assert "Crane" in missing and "Harbour at dawn" not in missing
    assert undescribed.orientation == "landscape"
    assert "Crane" in client.get(reverse(CHANGELIST), {"shape": "landscape"}).content.decode()


def test_a_writer_describes_their_own_pictures_but_not_others(client):
    writer = login(client, "Writers")
    own = make_image(by=writer, alt_text="")
    other = make_image(by=make_user(group="Writers"), alt_text="Theirs")
    url = reverse("admin:images_image_change", args=[own.pk])
    assert client.post(url, image_form(own, alt_text="A pier at low tide")).status_code == 302
    own.refresh_from_db()
    assert own.alt_text == "A pier at low tide"
    url = reverse("admin:images_image_change", args=[other.pk])
    assert client.post(url, image_form(other, alt_text="Changed by a writer")).status_code == 403
    other.refresh_from_db()
    assert other.alt_text == "Theirs"
    assert (
        client.post(reverse("admin:images_image_delete", args=[own.pk]), {"post": "yes"}).status_code == 403
    )
    assert Image.objects.filter(pk=own.pk).exists()


def test_an_editor_describes_anyone_s_picture(client):
    login(client, "Editors")
    image = make_image(by=make_user(group="Writers"), alt_text="")
    url = reverse("admin:images_image_change", args=[image.pk])
    assert client.post(url, image_form(image, alt_text="Grey waves over the sea wall")).status_code == 302
    assert Image.objects.get(pk=image.pk).alt_text == "Grey waves over the sea wall"


def test_moving_the_focal_point_remakes_the_crops(client, django_capture_on_commit_callbacks):
    login(client, "Editors")
    image = make_image(data=picture_bytes(1600, 800))
    old_card = image.renditions["card"]["jpeg"][0][2]
    url = reverse("admin:images_image_change", args=[image.pk])
    page = client.get(url).content.decode()
    assert "data-focal-point" in page
    assert re.search(r'<script src="/static/js/focal-point.js"[^>]* defer>', page), (
        "a deferred file, no inline script"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, image_form(image, focal_x="0.9", focal_y="0.3"))
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.9, 0.3)
    assert image.renditions["card"]["jpeg"][0][2] != old_card


def test_a_focal_point_outside_the_picture_is_refused(client):
    login(client, "Editors")
    image = make_image()
    response = client.post(
        reverse("admin:images_image_change", args=[image.pk]), image_form(image, focal_x="1.5")
    )
    assert response.status_code == 200
    assert "less than or equal to 1" in response.content.decode()
    assert Image.objects.get(pk=image.pk).focal_x == 0.5


def test_alt_text_cannot_be_removed_while_readers_see_the_picture(client):
    login(client, "Editors")
    image = make_image(alt_text="Boats")
    make_article(lead_image=image, headline="Harbour reopens")
    response = client.post(
        reverse("admin:images_image_change", args=[image.pk]), image_form(image, alt_text="")
    )
    assert "Readers see this picture in “Harbour reopens”" in response.content.decode()
    assert Image.objects.get(pk=image.pk).alt_text == "Boats"


def test_the_change_page_says_where_the_picture_is_used(client):
    login(client, "Editors")
    image = make_image()
    article = make_article(lead_image=image, headline="Harbour reopens", status=Article.Status.DRAFT)
    html = client.get(reverse("admin:images_image_change", args=[image.pk])).content.decode()
    assert "Harbour reopens" in html and "not public" in html
    assert reverse("admin:articles_article_change", args=[article.pk]) in html


def test_the_chooser_lists_and_searches_the_library(client):
    login(client, "Writers")
    harbour = make_image(title="Harbour at dawn", alt_text="")
    make_image(title="Market square")
    data = client.get(reverse("admin:images_image_chooser"), {"q": "harbour"}).json()
    assert [r["title"] for r in data["results"]] == ["Harbour at dawn"]
    (result,) = data["results"]
    assert result["id"] == harbour.pk and result["has_alt"] is False
    assert result["thumbnail"] == reverse("admin:images_image_preview", args=[harbour.pk])


def test_the_chooser_is_for_staff_only(client):
    response = client.get(reverse("admin:images_image_chooser"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_figure_tool_uploads_a_picture_in_place(client):
    login(client, "Writers")
    url = reverse("admin:images_image_upload")
    response = client.post(url, {"files": files.upload("quay.jpg", picture_bytes()), "alt_text": "The quay"})
    assert response.status_code == 201
    image = Image.objects.get()
    assert response.json()["image"]["id"] == image.pk and image.alt_text == "The quay"


def test_the_figure_tool_offers_the_existing_picture_for_a_duplicate(client):
    login(client, "Writers")
    data = picture_bytes()
    existing = make_image(data=data, title="Quay")
    response = client.post(reverse("admin:images_image_upload"), {"files": files.upload("again.jpg", data)})
    assert response.status_code == 409
    body = response.json()
    assert body["existing"]["id"] == existing.pk and "already in the library as “Quay”" in body["errors"][0]


def test_the_figure_tool_explains_a_bad_file(client):
    login(client, "Writers")
    response = client.post(reverse("admin:images_image_upload"), {"files": files.upload("x.svg", files.SVG)})
    assert response.status_code == 400
    assert "SVG is refused" in json.dumps(response.json(), ensure_ascii=False)
    assert Image.objects.count() == 0


def test_the_preview_shows_staff_a_rendition_or_a_placeholder(client):
    login(client, "Writers")
    ready = make_image()
    waiting = make_image(renditions=False)
    Image.objects.filter(pk=waiting.pk).update(renditions={})
    response = client.get(reverse("admin:images_image_preview", args=[ready.pk]))
    assert response.status_code == 302 and response["Location"].startswith(f"/media/renditions/{ready.key}/")
    assert client.get(response["Location"]).status_code == 200, "staff see renditions of unpublished pictures"
    response = client.get(reverse("admin:images_image_preview", args=[waiting.pk]))
    assert response["Location"].endswith("img/image-processing.svg")


def test_the_article_form_chooses_the_lead_image_from_the_library(client, admin_form):
    writer = login(client, "Writers")
    image = make_image(alt_text="", title="Harbour crane")
    article = make_article(status=Article.Status.DRAFT, created_by=writer)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form(client, url)
    data.update(lead_image=[str(image.pk)], lead_image_caption=["Our caption"])
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.lead_image == image and article.lead_caption == "Our caption"
    html = client.get(url).content.decode()
    assert "missing: needed before publishing" in html, "the form says the picture lacks alt text"
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"term": "crane", "app_label": "articles", "model_name": "article", "field_name": "lead_image"},
    ).json()
    assert [r["text"] for r in autocomplete["results"]] == ["Harbour crane"]
