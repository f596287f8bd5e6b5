"""The summary assistant's actions: request a suggested summary, store it, and use it.

A suggestion never reaches readers by itself. It is kept in its own row (SummarySuggestion);
it goes into the article's draft summary only when that summary is empty, or when a user who
may edit the article presses "Use suggestion". Either way the summary is left unapproved, so
an editor still has to approve it. The summarizer runs in `articles.tasks.suggest_summary`.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import workflow
from articles.models import Article, Summary, SummarySuggestion
from articles.summarizers import ExtractiveSummarizer, html_to_text

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
    return SummarySuggestion.objects.filter(article=article).first()


@transaction.atomic
def request_suggestion(article, *, by):
    """Queue a suggestion for the article; the task starts once this transaction commits."""
    if not workflow.can_edit(by, article):
        raise PermissionDenied(_("You cannot request a summary for this article."))
    # An empty summary row now means the editor's form, reloaded while the task runs, updates
    # that row instead of trying to create a second summary for the article.
    Summary.objects.get_or_create(article=article)
    suggestion = SummarySuggestion.objects.create(article=article, requested_by=by)
    transaction.on_commit(partial(_enqueue, suggestion.pk))
    return suggestion


def _enqueue(suggestion_id):
    from articles.tasks import suggest_summary

    try:
        suggest_summary.enqueue(suggestion_id)
    except Exception as error:
        # A queue that cannot take the job must not leave the suggestion pending for ever.
        logger.exception("Could not enqueue summary suggestion %s", suggestion_id)
        record_failure(suggestion_id, _("The task queue did not accept the job: %s") % error)


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
        _put_into_summary(suggestion, summary, by=suggestion.requested_by)
    suggestion.save()
    return suggestion


def record_failure(suggestion_id, message):
    """Mark a pending suggestion failed with a message an editor can act on; the summary is untouched."""
    SummarySuggestion.objects.filter(pk=suggestion_id, status=SummarySuggestion.Status.PENDING).update(
        status=SummarySuggestion.Status.FAILED, error=message[:2000], finished_at=timezone.now()
    )


@transaction.atomic
def use_suggestion(suggestion, *, by):
    """Replace the draft summary with a finished suggestion; the result always awaits approval."""
    article = Article.objects.select_for_update().get(pk=suggestion.article_id)
    if not workflow.can_edit(by, article):
        raise PermissionDenied(_("You cannot change this article's summary."))
    suggestion = SummarySuggestion.objects.select_for_update().get(pk=suggestion.pk)
    usable = {SummarySuggestion.Status.READY, SummarySuggestion.Status.USED}
    if suggestion.status not in usable or not suggestion.text.strip():
        raise ValidationError(_("This suggestion is not ready to use."))
    summary = Summary.objects.select_for_update().filter(article=article).first()
    _put_into_summary(suggestion, summary, by=by)
    suggestion.save(update_fields=["status"])
    return suggestion


def _put_into_summary(suggestion, summary, *, by):
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
