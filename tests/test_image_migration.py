"""Upgrading a newsroom: uploaded lead images move into the image library (migration articles.0009),
old revisions keep working, and the way back restores what was there."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article, Revision
from articles.workflow import restore_revision
from images.models import Image
from tests import picture_files as files
from tests.factories import make_user, picture_bytes

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("articles", "0008_publication_dates_and_suggestion_start")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_lead_images_move_into_the_library_and_back():
    old = migrate(BEFORE)
    Section = old.get_model("articles", "Section")
    OldArticle = old.get_model("articles", "Article")
    OldRevision = old.get_model("articles", "Revision")
    section = Section.objects.create(name="City", slug="city")
    photo = default_storage.save(
        "lead-images/2026/03/harbour.jpg", ContentFile(files.jpeg_with_metadata(300, 200, 6))
    )
    same = default_storage.save(
        "lead-images/2026/03/harbour-copy.jpg", ContentFile(default_storage.open(photo).read())
    )
    other = default_storage.save("lead-images/2026/03/market.jpg", ContentFile(picture_bytes(640, 480)))
    common = {"section": section, "status": "published", "body": "<p>Text.</p>"}
    first = OldArticle.objects.create(
        headline="Harbour", slug="harbour", lead_image=photo, lead_image_width=300, lead_image_height=200,
        lead_image_caption="The harbour at dawn", lead_image_credit="Photo: Lund", **common,
    )  # fmt: skip
    OldArticle.objects.create(
        headline="Harbour again", slug="harbour-again", lead_image=same, lead_image_caption="Another caption",
        lead_image_credit="Photo: Lund", **common,
    )  # fmt: skip
    OldArticle.objects.create(headline="Market", slug="market", lead_image=other, **common)
    gone = default_storage.save("lead-images/gone.jpg", ContentFile(picture_bytes(320, 240)))
    OldArticle.objects.create(headline="Lost", slug="lost", lead_image=gone, **common)
    default_storage.delete(gone)  # lost from storage before the upgrade
    OldArticle.objects.create(headline="No picture", slug="none", **common)
    content = {"headline": "Harbour", "lead_image": photo, "lead_image_caption": "", "lead_image_credit": "x"}
    OldRevision.objects.create(article=first, number=1, content=content)

    migrate(latest())
    images = {a.slug: a.lead_image for a in Article.objects.select_related("lead_image")}
    assert images["none"] is None
    assert images["harbour"] == images["harbour-again"], "the same file twice is one library image"
    harbour = images["harbour"]
    assert (harbour.width, harbour.height) == (200, 300), "measured upright, as the renditions will be"
    assert (harbour.caption, harbour.credit, harbour.alt_text) == ("The harbour at dawn", "Photo: Lund", "")
    assert harbour.file.name == photo and harbour.content_hash and harbour.key
    captions = dict(Article.objects.values_list("slug", "lead_image_caption"))
    assert captions["harbour"] == "" and captions["harbour-again"] == "Another caption"
    assert images["market"].title == "market" and images["market"].format == "JPEG"
    assert images["lost"].renditions_state == Image.State.FAILED
    revision = Revision.objects.get(article_id=first.pk)
    assert revision.content["lead_image"] == harbour.pk and "lead_image_credit" not in revision.content

    article = Article.objects.get(slug="harbour")
    article.lead_image = images["market"]
    article.save()
    restore_revision(revision, by=make_user(group="Editors"))
    assert Article.objects.get(slug="harbour").lead_image == harbour, "an old revision restores its picture"

    back = migrate(BEFORE)
    restored = {a.slug: a for a in back.get_model("articles", "Article").objects.all()}
    assert restored["harbour"].lead_image.name == photo
    assert restored["harbour"].lead_image_credit == "Photo: Lund"
    assert restored["market"].lead_image.name == other
    migrate(latest())
    assert Image.objects.filter(file=other).count() == 1, (
        "forward again finds the file already in the library"
    )
