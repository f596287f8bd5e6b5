"""Suggestions as data: what a summarizer reads, and how its result or failure is stored.

A suggestion never reaches readers by itself. It is kept in its own row (SummarySuggestion);
it goes into the article's draft summary only when that summary is empty, or when a user who
may edit the article presses "Use suggestion" (assistant/services.py). Either way the summary
is left unapproved, so an editor still has to approve it.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import workflow
from articles.html import html_to_text
from articles.models import Article, Summary, SummarySuggestion
from assistant.limits import abandon_after
from assistant.summarizers import ExtractiveSummarizer

logger = logging.getLogger(__name__)


def summary_max_length():
    """The length limit for a suggestion: the setting, but never more than the summary field holds."""
    field_limit = Summary._meta.get_field("text").max_length
    return min(settings.SUMMARY_MAX_LENGTH, field_limit)


def source_text(article, summarizer):
    """The plain text a summarizer reads: the body, with headline and standfirst for a language model.

    The extractive summarizer picks sentences, and a headline would win as the most central one
    while telling readers nothing they have not just read; a model uses them as context.
    """
    body = html_to_text(article.body)
    if isinstance(summarizer, ExtractiveSummarizer):
        return body or article.standfirst
    return "\n\n".join(part for part in (article.headline, article.standfirst, body) if part.strip())


def latest_suggestion(article):
    """The article's newest suggestion; one abandoned by its worker is marked failed first."""
    expire_abandoned(SummarySuggestion.objects.filter(article=article))
    return SummarySuggestion.objects.filter(article=article).first()


def record_start(suggestion_id):
    """A worker has begun: from now on the suggestion must finish within the task's budget."""
    SummarySuggestion.objects.filter(pk=suggestion_id, status=SummarySuggestion.Status.PENDING).update(
        started_at=timezone.now()
    )


def expire_abandoned(suggestions):
    """Mark failed, with a message, the pending suggestions nobody will finish (issue 11).

    Started longer ago than the task's budget allows: the worker died (or was killed) while on it.
    Never started within SUMMARY_QUEUE_TIMEOUT: no worker is taking tasks. Either way the editor
    sees why and can try again; a result that arrives after all is ignored.
    """
    now = timezone.now()
    pending = suggestions.filter(status=SummarySuggestion.Status.PENDING)
    limit = abandon_after()
    died = pending.filter(started_at__lt=now - timedelta(seconds=limit)).update(
        status=SummarySuggestion.Status.FAILED,
        finished_at=now,
        error=_("The worker stopped while preparing this suggestion: no result came within %(s)d s.")
        % {"s": limit},
    )
    queued_before = now - timedelta(seconds=settings.SUMMARY_QUEUE_TIMEOUT)
    unstarted = pending.filter(started_at__isnull=True, created_at__lt=queued_before).update(
        status=SummarySuggestion.Status.FAILED,
        finished_at=now,
        error=_("No worker took this suggestion within %(m)d minutes: is the task worker running?")
        % {"m": settings.SUMMARY_QUEUE_TIMEOUT // 60},
    )
    return died + unstarted


@transaction.atomic
def record_result(suggestion_id, *, text, backend):
    """Store a finished suggestion, and fill the draft summary with it if that summary is empty."""
    suggestion = SummarySuggestion.objects.select_for_update().filter(pk=suggestion_id).first()
    if suggestion is None or suggestion.status != SummarySuggestion.Status.PENDING:
        return suggestion
    suggestion.text = text
    suggestion.backend = backend
    suggestion.status = SummarySuggestion.Status.READY
    suggestion.finished_at = timezone.now()
    summary = Summary.objects.select_for_update().filter(article_id=suggestion.article_id).first()
    if summary is None or not summary.text.strip():
        # Nothing written yet, so nothing to overwrite: the suggestion becomes the draft.
        put_into_summary(suggestion, summary, by=suggestion.requested_by)
    suggestion.save()
    return suggestion


def record_failure(suggestion_id, message):
    """Mark a pending suggestion failed with a message an editor can act on; the summary is untouched."""
    SummarySuggestion.objects.filter(pk=suggestion_id, status=SummarySuggestion.Status.PENDING).update(
        status=SummarySuggestion.Status.FAILED, error=message[:2000], finished_at=timezone.now()
    )


def put_into_summary(suggestion, summary, *, by):
    summary = summary or Summary(article_id=suggestion.article_id)
    summary.text = suggestion.text
    summary.origin = Summary.Origin.ASSISTANT
    summary.backend = suggestion.backend
    # A suggestion is never approved by itself, even when it replaces an approved summary.
    summary.approved_by = summary.approved_at = summary.approved_revision = None
    summary.save()
    suggestion.status = SummarySuggestion.Status.USED
    workflow.save_revision(
        Article.objects.get(pk=suggestion.article_id),
        by=by,
        note=_("Summary suggested by the assistant (%(backend)s)") % {"backend": suggestion.backend},
    )
