"""Lead images move into the image library (issue 12); bodies may refer to library pictures.

Each article's uploaded lead image becomes a library Image (the same file uploaded twice becomes one
image), with the article's caption and credit; the article points to it. The file stays where it
is in storage: originals are never served to readers whatever their name. Revision snapshots that
named the old file name the new image instead, so restoring an old revision keeps working.
Renditions are made afterwards: `manage.py make_renditions` (make run and make serve call it).

Written out here, not imported from the apps (migrations import no application code). Reversible:
going back puts the file name, size, caption and credit on the article again.
"""

import hashlib
import secrets
from pathlib import PurePath

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models

FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "AVIF"}


def _inspect(name):
    """(sha256, width, height, format, size, animated) of a stored file, or None when it cannot be read."""
    from PIL import Image as PillowImage
    from PIL import ImageOps

    try:
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        from io import BytesIO

        with PillowImage.open(BytesIO(data)) as picture:
            found = picture.format
            animated = getattr(picture, "n_frames", 1) > 1
            width, height = ImageOps.exif_transpose(picture).size
    except Exception:  # missing, unreadable or not an image: keep the reference, mark it
        return None
    return hashlib.sha256(data).hexdigest(), width, height, found, len(data), animated


def to_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Revision = apps.get_model("articles", "Revision")
    Image = apps.get_model("images", "Image")
    by_name = {}
    articles = Article.objects.exclude(lead_image="").exclude(lead_image__isnull=True).order_by("pk")
    for article in articles.iterator():
        name = article.lead_image.name
        image = by_name.get(name)
        if image is None:
            inspected = _inspect(name)
            if inspected and (same := Image.objects.filter(content_hash=inspected[0]).first()):
                image = same
            else:
                content_hash, width, height, found, size, animated = inspected or (
                    "", article.lead_image_width or 1, article.lead_image_height or 1, "", 0, False
                )
                image = Image.objects.create(
                    file=name,
                    title=(PurePath(name).stem.replace("_", " ").replace("-", " ") or "Lead image")[:200],
                    caption=article.lead_image_caption,
                    credit=article.lead_image_credit,
                    width=width,
                    height=height,
                    format=found if found in FORMATS else "",
                    file_size=size,
                    is_animated=animated,
                    content_hash=content_hash,
                    key=secrets.token_urlsafe(16),
                    renditions={},
                    renditions_state="pending" if inspected else "failed",
                    renditions_error="" if inspected else "The original could not be read during the upgrade.",
                    uploaded_by_id=article.created_by_id,
                )
            by_name[name] = image
        article.lead_picture = image
        if article.lead_image_caption == image.caption:
            article.lead_image_caption = ""  # the library's caption says the same
        article.save(update_fields=["lead_picture", "lead_image_caption"])
    for revision in Revision.objects.iterator():
        content = revision.content or {}
        old = content.get("lead_image")
        if isinstance(old, str):
            image = by_name.get(old)
            content["lead_image"] = image.pk if image else None
            content["lead_image_title"] = image.title if image else ""
            content.pop("lead_image_credit", None)
            revision.content = content
            revision.save(update_fields=["content"])
    _check_constraints_now(schema_editor)


def _check_constraints_now(schema_editor):
    """PostgreSQL defers foreign-key checks to the end of the transaction; the schema changes that
    follow in this migration cannot run while rows wait for them ("pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def from_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Revision = apps.get_model("articles", "Revision")
    for article in Article.objects.filter(lead_picture__isnull=False).select_related("lead_picture"):
        image = article.lead_picture
        # update(), not save(): assigning to the old ImageField would open the file to measure it.
        Article.objects.filter(pk=article.pk).update(
            lead_image=image.file.name,
            lead_image_width=image.width,
            lead_image_height=image.height,
            lead_image_caption=article.lead_image_caption or image.caption,
            lead_image_credit=image.credit,
        )
    Image = apps.get_model("images", "Image")
    names = dict(Image.objects.values_list("pk", "file"))
    for revision in Revision.objects.iterator():
        content = revision.content or {}
        if isinstance(content.get("lead_image"), int) or content.get("lead_image") is None:
            content["lead_image"] = names.get(content.get("lead_image"), "")
            content.pop("lead_image_title", None)
            revision.content = content
            revision.save(update_fields=["content"])
    _check_constraints_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_publication_dates_and_suggestion_start"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="BodyImage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="body_image_links", to="articles.article")),
                ("image", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="body_links", to="images.image")),
            ],
            options={"verbose_name": "picture in the body", "verbose_name_plural": "pictures in the body"},
        ),
        migrations.AddConstraint(
            model_name="bodyimage",
            constraint=models.UniqueConstraint(fields=("article", "image"), name="body_image_once"),
        ),
        migrations.AddField(
            model_name="article",
            name="body_images",
            field=models.ManyToManyField(blank=True, editable=False, related_name="+", through="articles.BodyImage", to="images.image"),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_picture",
            field=models.ForeignKey(null=True, blank=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="images.image"),
        ),
        migrations.RunPython(to_library, from_library),
        migrations.RemoveField(model_name="article", name="lead_image"),
        migrations.RemoveField(model_name="article", name="lead_image_width"),
        migrations.RemoveField(model_name="article", name="lead_image_height"),
        migrations.RemoveField(model_name="article", name="lead_image_credit"),
        migrations.RenameField(model_name="article", old_name="lead_picture", new_name="lead_image"),
        migrations.AlterField(
            model_name="article",
            name="lead_image",
            field=models.ForeignKey(blank=True, help_text="Choose a picture from the library, or upload one with the + button.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="lead_for", to="images.image", verbose_name="lead image"),
        ),
        migrations.AlterField(
            model_name="article",
            name="lead_image_caption",
            field=models.CharField(blank=True, help_text="This article's caption for the picture; empty uses the library's caption.", max_length=300, verbose_name="lead image caption"),
        ),
    ]
