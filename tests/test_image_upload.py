"""Adding pictures to the library in the admin: several at once, and a clear refusal for every bad file.

A refused file leaves nothing behind: no image row, no file in storage.
"""

import pytest
from django.urls import reverse

from images.models import Image
from tests import picture_files as files
from tests.factories import make_user, picture_bytes

pytestmark = pytest.mark.django_db
ADD = "admin:images_image_add"


@pytest.fixture
def writer_client(client):
    client.force_login(make_user(group="Writers"))
    return client


def post(client, *uploads, **fields):
    return client.post(reverse(ADD), {"files": list(uploads), **fields})


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_writer_adds_several_pictures_at_once(writer_client, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            writer_client,
            files.upload("harbour.jpg", picture_bytes(900, 600)),
            files.upload("market.png", picture_bytes(640, 480, fmt="PNG"), "image/png"),
            files.upload("pier.webp", picture_bytes(500, 500, fmt="WEBP"), "image/webp"),
            credit="Photo: Anna Petrova",
        )
    images = list(Image.objects.order_by("pk"))
    assert [i.title for i in images] == ["Harbour", "Market", "Pier"]
    assert [(i.width, i.height, i.format) for i in images] == [
        (900, 600, "JPEG"),
        (640, 480, "PNG"),
        (500, 500, "WEBP"),
    ]
    assert {i.credit for i in images} == {"Photo: Anna Petrova"}
    assert response.status_code == 302
    assert response["Location"].endswith("?id__in=" + ",".join(str(i.pk) for i in images))
    # The uploader's file names are not kept: originals get unguessable names.
    assert not any("harbour" in str(name) for name in stored_files(settings))
    assert all(i.renditions_state == Image.State.READY and i.renditions for i in images)
    changelist = writer_client.get(response["Location"]).content.decode()
    assert "Added 3 pictures" in changelist and "alt text" in changelist


PDF = ("report.pdf", files.PDF, "application/pdf")
BAD_FILES = {
    "not-an-image": (PDF, "is not a picture the library can read"),
    "truncated": (("cut.jpg", files.truncated_jpeg(), "image/jpeg"), "is damaged or incomplete"),
    "decompression-bomb": (
        ("bomb.png", files.png_header_only(20_000, 20_000), "image/png"),
        "too many pixels",
    ),
    "bomb-under-twice-the-limit": (
        ("b.png", files.png_header_only(9_000, 9_000), "image/png"),
        "too many pixels",
    ),
    "huge-dimensions": (("strip.png", files.long_strip(), "image/png"), "no side may be longer than"),
    "svg": (("logo.svg", files.SVG, "image/svg+xml"), "SVG is refused because it can carry scripts"),
    "svg-named-png": (("logo.png", files.SVG, "image/png"), "SVG is refused"),
    "empty": (("empty.jpg", b"", "image/jpeg"), "The submitted file is empty"),
    "bmp": (("scan.bmp", picture_bytes(64, 64, fmt="BMP"), "image/bmp"), "is a BMP image"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_saved(writer_client, settings, case):
    (name, data, content_type), message = BAD_FILES[case]
    response = post(writer_client, files.upload(name, data, content_type))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Image.objects.count() == 0
    assert stored_files(settings) == []


def test_a_file_over_the_size_limit_is_refused(writer_client, settings):
    settings.IMAGE_MAX_UPLOAD_MB = 1
    big = picture_bytes(1400, 1400, fmt="PNG")
    assert len(big) > 1024 * 1024
    response = post(writer_client, files.upload("big.png", big, "image/png"))
    assert response.status_code == 400
    assert "the largest picture the library takes is 1.0" in response.content.decode()
    assert Image.objects.count() == 0 and stored_files(settings) == []


def test_good_files_in_a_batch_are_kept_and_bad_ones_named(writer_client, settings):
    response = post(
        writer_client,
        files.upload("good.jpg", picture_bytes(400, 300)),
        files.upload("cut.jpg", files.truncated_jpeg()),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "“cut.jpg” is damaged or incomplete" in html and "Added 1 picture." in html
    assert list(Image.objects.values_list("title", flat=True)) == ["Good"]
    assert len([p for p in stored_files(settings) if str(p).startswith("originals/")]) == 1


def test_a_duplicate_upload_offers_the_picture_already_in_the_library(writer_client, settings):
    data = picture_bytes(400, 300)
    post(writer_client, files.upload("first.jpg", data))
    existing = Image.objects.get()
    response = post(writer_client, files.upload("copy-of-first.jpg", data))
    html = response.content.decode()
    assert response.status_code == 400
    assert "“copy-of-first.jpg” is already in the library as “First”" in html
    assert reverse("admin:images_image_change", args=[existing.pk]) in html
    assert Image.objects.count() == 1
    assert len([p for p in stored_files(settings) if str(p).startswith("originals/")]) == 1


def test_the_lead_image_popup_can_take_the_existing_picture(writer_client):
    data = picture_bytes(400, 300)
    post(writer_client, files.upload("first.jpg", data))
    existing = Image.objects.get()
    url = reverse(ADD) + "?_popup=1&_to_field=id"
    response = writer_client.post(
        url, {"files": [files.upload("again.jpg", data)], "_popup": "1", "_to_field": "id"}
    )
    assert 'name="_use_existing"' in response.content.decode()
    chosen = writer_client.post(url, {"_use_existing": str(existing.pk), "_popup": "1", "_to_field": "id"})
    assert chosen.status_code == 200
    assert (
        "popup_response" in chosen.content.decode()
        and f"&quot;value&quot;: &quot;{existing.pk}&quot;" in chosen.content.decode()
    )


def test_one_upload_in_the_lead_image_popup_fills_the_field(writer_client):
    url = reverse(ADD) + "?_popup=1"
    response = writer_client.post(
        url, {"files": [files.upload("pier.jpg", picture_bytes())], "_popup": "1", "_to_field": "id"}
    )
    image = Image.objects.get()
    assert response.status_code == 200
    assert f"&quot;value&quot;: &quot;{image.pk}&quot;" in response.content.decode()


def test_an_animated_gif_is_accepted_and_pages_show_its_first_frame(
    writer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(
            writer_client,
            files.upload("blink.gif", files.animated_gif(), "image/gif"),
            alt_text="A blinking light",
        )
    image = Image.objects.get()
    assert image.is_animated and image.format == "GIF"
    from django.core.files.storage import default_storage
    from PIL import Image as PillowImage

    (_w, _h, name) = image.renditions["w"]["jpeg"][0]
    with default_storage.open(image.rendition_path(name)) as rendition:
        red, _green, blue = PillowImage.open(rendition).convert("RGB").getpixel((10, 10))
    assert red > 200 and blue < 60, "the first (red) frame"


def test_someone_without_the_library_cannot_upload(client):
    user = make_user(username="reader")
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = post(client, files.upload("x.jpg", picture_bytes()))
    assert response.status_code == 403
    assert Image.objects.count() == 0
