"""Renditions: the sizes and formats pages use, made in the background, holding pixels and nothing else."""

import io
import threading

import pytest
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.tasks import default_task_backend
from PIL import Image as PillowImage

from images import renditions
from images.models import Image
from images.tasks import generate_renditions, update_renditions
from tests import picture_files as files
from tests.factories import make_article, make_image, picture_bytes

pytestmark = pytest.mark.django_db


def open_rendition(image, name):
    with default_storage.open(image.rendition_path(name)) as stored:
        data = stored.read()
    return data, PillowImage.open(io.BytesIO(data))


def every_rendition(image):
    for set_name, formats in image.renditions.items():
        for fmt, candidates in formats.items():
            for width, height, name in candidates:
                yield set_name, fmt, width, height, name


def test_a_large_picture_gets_every_width_in_three_formats_and_two_crops():
    image = make_image(data=picture_bytes(2400, 1600))
    assert image.renditions_state == Image.State.READY
    for fmt in ("avif", "webp", "jpeg"):
        assert [w for w, _h, _n in image.renditions["w"][fmt]] == [320, 480, 640, 960, 1280, 1920]
        assert [(w, h) for w, h, _n in image.renditions["card"][fmt]] == [(320, 213), (640, 427)]
    assert [(w, h) for w, h, _n in image.renditions["social"]["jpeg"]] == [(1200, 630)]
    for _set, fmt, width, height, name in every_rendition(image):
        _data, picture = open_rendition(image, name)
        assert picture.format == {"jpeg": "JPEG", "webp": "WEBP", "avif": "AVIF"}[fmt]
        assert picture.size == (width, height)


def test_a_small_picture_is_never_enlarged():
    image = make_image(data=picture_bytes(700, 500))
    assert [w for w, _h, _n in image.renditions["w"]["jpeg"]] == [320, 480, 640, 700]
    assert image.renditions["social"]["jpeg"][0][:2] == [700, 368]


def test_renditions_carry_no_camera_gps_xmp_or_comment_and_follow_the_exif_orientation():
    image = make_image(data=files.jpeg_with_metadata(300, 200, orientation=6))
    assert (image.width, image.height) == (200, 300), "stored sideways, shown upright"
    for _set, _fmt, _width, _height, name in every_rendition(image):
        data, picture = open_rendition(image, name)
        for secret in (files.CAMERA.encode(), b"source-secret-xmp", b"source-secret-comment", b"Exif"):
            assert secret not in data, (name, secret)
        assert not picture.getexif(), name
        assert "xmp" not in picture.info and "exif" not in picture.info
    width, height, name = image.renditions["w"]["jpeg"][0]
    assert height > width, "portrait after the orientation is applied"
    # Orientation 6 turns the stored picture a quarter clockwise: its left (red) half ends up on top.
    upright = open_rendition(image, name)[1].convert("RGB")
    top, bottom = upright.getpixel((width // 2, 5)), upright.getpixel((width // 2, height - 5))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], (top, bottom)


def test_crops_keep_the_focal_point():
    # Left half blue, right half red; the focal point far right: the crops come out red.
    picture = PillowImage.new("RGB", (1600, 600), (20, 20, 220))
    picture.paste((220, 20, 20), (800, 0, 1600, 600))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = make_image(data=buffer.getvalue(), renditions=False)
    image.focal_x = 0.95
    image.save()
    update_renditions(image)
    for set_name in ("card", "social"):
        _w, _h, name = image.renditions[set_name]["jpeg"][-1]
        _data, crop = open_rendition(image, name)
        red, _green, blue = crop.convert("RGB").getpixel((crop.width // 2, crop.height // 2))
        assert red > 180 and blue < 80, set_name


def test_crop_box_stays_inside_the_picture():
    assert renditions.crop_box(1000, 400, (3, 2), 0.9, 0.5) == (400, 0, 1000, 400)
    assert renditions.crop_box(1000, 400, (3, 2), 0.0, 0.5) == (0, 0, 600, 400)
    assert renditions.crop_box(400, 1000, (1200, 630), 0.5, 0.1) == (0, 0, 400, 210)


def test_a_new_focal_point_makes_new_crops_keeps_the_widths_and_deletes_the_old_files():
    image = make_image(data=picture_bytes(1600, 800))  # 2:1, so the 3:2 card crop can move
    before = dict(image.renditions)
    old_crops = {n for _w, _h, n in before["card"]["jpeg"]}
    image.focal_x, image.focal_y = 0.1, 0.2
    image.save()
    update_renditions(image)
    assert image.renditions["w"] == before["w"], "whole-picture widths do not depend on the focal point"
    assert {n for _w, _h, n in image.renditions["card"]["jpeg"]}.isdisjoint(old_crops), "new names"
    for name in old_crops:
        assert not default_storage.exists(image.rendition_path(name))


def test_transparency_is_kept_in_avif_and_webp_and_flattened_on_white_in_jpeg():
    image = make_image(data=files.transparent_png(), name="logo.png")
    _w, _h, webp = image.renditions["w"]["webp"][0]
    _data, picture = open_rendition(image, webp)
    assert picture.mode == "RGBA" and picture.getpixel((1, 1))[3] == 0
    _w, _h, jpeg = image.renditions["w"]["jpeg"][0]
    _data, picture = open_rendition(image, jpeg)
    assert picture.convert("RGB").getpixel((1, 1)) == (255, 255, 255)


def test_a_cmyk_jpeg_becomes_rgb():
    image = make_image(data=files.cmyk_jpeg())
    _w, _h, name = image.renditions["w"]["jpeg"][0]
    assert open_rendition(image, name)[1].mode == "RGB"


def test_a_broken_original_marks_the_renditions_failed(settings):
    image = make_image(renditions=False)
    with default_storage.open(image.file.name, "wb") as original:
        original.write(b"not a picture any more")
    assert generate_renditions.call(image.pk) == "failed"
    image.refresh_from_db()
    assert image.renditions_state == Image.State.FAILED and image.renditions_error


@pytest.fixture
def recording_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def queued(backend):
    return [result.args[0] for result in backend.results if result.task.name == "generate_renditions"]


def test_renditions_are_queued_on_upload_and_first_use_never_by_a_reader(
    recording_backend, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(renditions=False)
    assert queued(recording_backend) == [image.pk], "queued on upload"
    recording_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(lead_image=image)
    assert queued(recording_backend) == [image.pk], "queued again when an article first uses it"
    recording_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "<picture" not in response.content.decode(), "no renditions yet: no picture, never the original"
    assert queued(recording_backend) == [], "a reader's request queues nothing"


@pytest.mark.django_db(transaction=True)
def test_a_second_generator_leaves_while_the_first_holds_the_image(recording_backend):
    if not connection.features.has_select_for_update_skip_locked:
        pytest.skip("row locks with SKIP LOCKED are PostgreSQL's")
    image = make_image(renditions=False)  # queued on the recording backend, not made
    holding, release = threading.Event(), threading.Event()

    def first_generator():
        with transaction.atomic():
            Image.objects.select_for_update().get(pk=image.pk)
            holding.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=first_generator)
    thread.start()
    assert holding.wait(10)
    try:
        assert generate_renditions.call(image.pk) == "gone or busy"
        image.refresh_from_db()
        assert image.renditions == {}
        assert not default_storage.exists(f"renditions/{image.key}")
    finally:
        release.set()
        thread.join()
    assert generate_renditions.call(image.pk).startswith("made ")
