"""What the page cache needs to know about content: a generation number and the next publication.

Every cached page's key carries the content generation; any change to an article, summary,
section, author or tag (signals below) drops the stored generation, so the next request starts a
new one and every old page is simply never asked for again (no hunting for keys to delete).
The state also records when the next scheduled article goes live, so no cached page outlives it.
"""

import math
import time
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article, Author, Notice, Section, Summary, Tag

STATE_KEY = "content-state"
# Everything an anonymous page shows; corrections included, which must reach readers at once.
WATCHED_MODELS = (Article, Summary, Notice, Section, Author, Tag)


class ContentState:
    __slots__ = ("generation", "next_publish_at")

    def __init__(self, generation, next_publish_at):
        self.generation = generation
        self.next_publish_at = next_publish_at  # a UNIX timestamp, or None when nothing is scheduled

    def seconds_until_next_publish(self, now):
        return None if self.next_publish_at is None else self.next_publish_at - now


def _next_publish_timestamp():
    """When the next scheduled (Published, time still ahead) article goes live, or None."""
    nearest = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__gt=timezone.now()
    ).aggregate(nearest=Min("publish_at"))["nearest"]
    return nearest.timestamp() if isinstance(nearest, datetime) else None


def content_state():
    """The current state; computed (one query) when missing or when a scheduled article went live."""
    stored = cache.get(STATE_KEY)
    now = time.time()
    if stored is not None:
        generation, next_publish_at = stored
        if next_publish_at is None or next_publish_at > now:
            return ContentState(generation, next_publish_at)
        # A scheduled article has just gone live: its pages' entries have already expired (their
        # lifetime was bounded by this time); only the next publication time needs finding.
    else:
        generation = time.time_ns()
    state = ContentState(generation, _next_publish_timestamp())
    cache.set(STATE_KEY, (state.generation, state.next_publish_at), timeout=None)
    return state


def bump_generation():
    """Forget the current generation: every cached page becomes unreachable."""
    cache.delete(STATE_KEY)


def _content_changed(**kwargs):
    bump_generation()
    # Again after commit, so a page rendered between the change and its commit is not kept.
    transaction.on_commit(bump_generation)


for model in WATCHED_MODELS:
    post_save.connect(_content_changed, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
    post_delete.connect(_content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")


@receiver(m2m_changed, sender=Article.authors.through, dispatch_uid="page-cache-authors")
@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="page-cache-tags")
def _relations_changed(action, **kwargs):
    if action.startswith("post_"):
        _content_changed()


DERIVED_SECONDS = 600


def cached_for_generation(name, compute):
    """`compute()`, remembered for the current content generation (and never past the next publication).

    For figures that grow with the archive, like a listing's total count: one query per change
    instead of one per request.
    """
    state = content_state()
    lifetime = DERIVED_SECONDS
    if (until_next := state.seconds_until_next_publish(time.time())) is not None:
        lifetime = min(lifetime, math.floor(until_next))
    if lifetime < 1:
        return compute()
    key = f"derived:{state.generation}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=lifetime)
    return value
