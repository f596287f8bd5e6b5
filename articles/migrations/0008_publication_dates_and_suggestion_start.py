# Issue 11: first_published_at is when readers could first see an article. Scheduling used to set it
# to the future time, so an edit before the story went live counted as an update. This puts the
# stored values right:
# - a scheduled article not yet live has no first publication (and no update time);
# - an "update" stamped before the article first went live was part of that publication;
# - a scheduled article that has gone live since records the time it did.
# It also records when a worker starts on a summary suggestion, so one whose worker died can be
# told apart from one still waiting for a worker.

from django.db import migrations, models
from django.db.models import F, Q
from django.utils import timezone

PUBLISHED = "published"


def correct_publication_dates(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    now = timezone.now()
    Article.objects.filter(first_published_at__gt=now).update(first_published_at=None, content_updated_at=None)
    Article.objects.filter(
        Q(first_published_at__isnull=True) | Q(content_updated_at__lte=F("first_published_at")),
        content_updated_at__isnull=False,
    ).update(content_updated_at=None)
    Article.objects.filter(
        status=PUBLISHED, publish_at__lte=now, first_published_at__isnull=True
    ).update(first_published_at=F("publish_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_sharelink_expiry_in_save'),
    ]

    operations = [
        migrations.RunPython(correct_publication_dates, migrations.RunPython.noop),
        migrations.AddField(
            model_name='summarysuggestion',
            name='started_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='started at'),
        ),
    ]
