"""The demo newsroom: idempotent, complete, and no known passwords without DEBUG."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.models import Article, Section, Summary

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(Article.objects.order_by("slug").values_list("slug", "status", "publish_at", "body")),
        list(Summary.objects.order_by("article__slug").values_list("text", "approved_at")),
        list(User.objects.order_by("username").values_list("username", "password")),
    )


def test_load_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    first = _snapshot()
    call_command("load_demo", stdout=StringIO())
    assert _snapshot() == first


def test_demo_newsroom_has_what_the_product_promises(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    public = Article.objects.public()
    assert public.count() >= 12
    assert Section.objects.filter(articles__in=public).distinct().count() >= 3
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.filter(status=Article.Status.IN_REVIEW).exists()
    assert any(a.is_scheduled for a in Article.objects.filter(status=Article.Status.PUBLISHED))
    assert sum(1 for a in public.select_related("summary") if a.approved_summary) > public.count() // 2
    assert set(public.values_list("language", flat=True)) == {"en", "ru"}
    editor = User.objects.get(username="editor")
    assert editor.check_password("newsroom-demo")
    assert editor.groups.filter(name="Editors").exists()
    assert User.objects.get(username="writer").groups.filter(name="Writers").exists()
    assert User.objects.get(username="admin").is_superuser


def test_no_demo_users_without_debug(settings):
    settings.DEBUG = False
    err = StringIO()
    call_command("load_demo", stdout=StringIO(), stderr=err)
    assert not User.objects.filter(username__in=["admin", "editor", "writer"]).exists()
    assert "refusing" in err.getvalue()
    assert Article.objects.public().count() >= 12


def test_demo_pictures_are_drawn_here_described_and_used(
    settings, client, django_capture_on_commit_callbacks
):
    from images.models import Image

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    images = list(Image.objects.all())
    assert len(images) == 5
    assert all(image.alt_text and image.credit and image.renditions for image in images)
    assert Article.objects.exclude(lead_image=None).count() == 4
    barrier = Article.objects.get(slug="flood-barrier-passes-first-storm-test")
    (figure,) = barrier.body_images.all()
    assert figure.title.startswith("Waves over the Beach Road sea wall")
    page = client.get(barrier.get_absolute_url()).content.decode()
    assert page.count("<picture") == 2 and f'alt="{figure.alt_text}"' in page
    assert "<picture" in client.get("/").content.decode()
    call_command("load_demo", stdout=StringIO())
    assert Image.objects.count() == 5, "a second run adds no pictures"
