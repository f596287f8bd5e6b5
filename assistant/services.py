"""What the admin's buttons call: request a suggested summary, and use one as the draft summary."""

import logging
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from articles import workflow
from articles.models import Article, Summary, SummarySuggestion
from assistant.suggestions import put_into_summary, record_failure
from assistant.tasks import suggest_summary

logger = logging.getLogger(__name__)


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
    try:
        suggest_summary.enqueue(suggestion_id)
    except Exception as error:
        # A queue that cannot take the job must not leave the suggestion pending for ever.
        logger.exception("Could not enqueue summary suggestion %s", suggestion_id)
        record_failure(suggestion_id, _("The task queue did not accept the job: %s") % error)


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
    put_into_summary(suggestion, summary, by=by)
    suggestion.save(update_fields=["status"])
    return suggestion
