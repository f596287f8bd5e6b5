"""Noticing that a scheduled story has gone live.

A scheduled article goes live by itself: public queries compare its time with now(), and nothing
runs at that moment. To tell its people, a task is queued to run just after its time (on a queue
that can defer, such as `make serve`'s database queue), and the desk looks for due ones whenever it
is opened, so the immediate backend (`make run`) or a worker that was down still catches up. Either
way each going-live is announced once (LiveAnnouncement's unique constraint).
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.tasks import task
from django.utils import timezone

from articles.models import Article, WorkflowEvent
from notifications.models import LiveAnnouncement
from notifications.notify import notify_live

logger = logging.getLogger(__name__)
# A story that went live longer ago than this is no news to its writer (and an upgrade must not
# announce the whole archive).
WINDOW = timedelta(days=1)
BATCH = 100


def due_articles(now=None):
    """Public articles that went live from a schedule within the window and were not announced."""
    now = now or timezone.now()
    latest_action = WorkflowEvent.objects.filter(article=OuterRef("pk")).order_by("-at", "-id")
    announced = LiveAnnouncement.objects.filter(article=OuterRef("pk"), publish_at=OuterRef("publish_at"))
    return (
        Article.objects.public()
        .filter(publish_at__gte=now - WINDOW)
        .annotate(latest_action=Subquery(latest_action.values("action")[:1]))
        .filter(latest_action="schedule")
        .exclude(Exists(announced))
        .only("pk", "headline", "publish_at", "created_by_id")
        .order_by("publish_at", "pk")
    )


def announce_gone_live(article_id=None):
    """Announce every due going-live (or just this article's); returns how many were announced."""
    due = due_articles()
    if article_id is not None:
        due = due.filter(pk=article_id)
    announced = 0
    for article in due[:BATCH]:
        try:
            with transaction.atomic():
                _marker, created = LiveAnnouncement.objects.get_or_create(
                    article=article, publish_at=article.publish_at
                )
                if created:
                    notify_live(article)
                    announced += 1
        except IntegrityError:
            continue  # another process announced it at the same moment
    return announced


@task
def announce_live(article_id):
    """Runs just after a scheduled article's time: tell its people it is live (once)."""
    return announce_gone_live(article_id)


def check_when_due(article_id, publish_at):
    """Queue a check for just after `publish_at`, where the task backend can run tasks later."""
    if not announce_live.get_backend().supports_defer:
        return  # the desk catches up when it is opened
    try:
        announce_live.using(run_after=publish_at + timedelta(seconds=1)).enqueue(article_id)
    except Exception:
        logger.exception("Could not queue the going-live check for article %s", article_id)
