"""The assistant's background task (Django's tasks framework; settings.TASKS chooses the backend)."""

import logging

from django.tasks import task
from django.utils.translation import gettext as _

from articles.models import SummarySuggestion
from assistant import suggestions
from assistant.summarizers import SummarizerError, get_summarizer

logger = logging.getLogger(__name__)


@task
def suggest_summary(suggestion_id):
    """Run the configured summarizer for a pending suggestion and store its text or its error."""
    suggestion = (
        SummarySuggestion.objects.select_related("article")
        .filter(pk=suggestion_id, status=SummarySuggestion.Status.PENDING)
        .first()
    )
    if suggestion is None:
        return "gone"  # finished already, or deleted with its article
    article = suggestion.article
    try:
        summarizer = get_summarizer()
        text = summarizer.summarize(
            suggestions.source_text(article, summarizer),
            language=article.language,
            max_chars=suggestions.summary_max_length(),
        )
        if not text.strip():
            raise SummarizerError(_("The article has no text to summarize yet."))
    except SummarizerError as error:
        suggestions.record_failure(suggestion_id, str(error))
        return "failed"
    except Exception:
        logger.exception("Summary suggestion %s failed", suggestion_id)
        suggestions.record_failure(
            suggestion_id, _("The summarizer stopped with an unexpected error; the server log has details.")
        )
        raise
    suggestions.record_result(suggestion_id, text=text, backend=summarizer.name)
    return "ready"
