"""The assistant's background task (Django's tasks framework; settings.TASKS chooses the backend).

It keeps to its time budget (assistant/limits.py: the limits nest), enforced with a timer in a
worker's main thread. Whatever stops it, the suggestion ends failed with a message, never pending
for ever (issue 11): an exception is recorded here; a worker killed outright is noticed when
anyone looks at the suggestion (assistant/suggestions.py: expire_abandoned).
"""

import logging
import signal
import threading
from contextlib import contextmanager

from django.tasks import task
from django.utils.translation import gettext as _

from articles.models import SummarySuggestion
from assistant import suggestions
from assistant.limits import time_budget
from assistant.summarizers import SummarizerError, get_summarizer

logger = logging.getLogger(__name__)


class TaskTimeLimit(Exception):
    """The task ran past its time budget."""


@contextmanager
def time_limit(seconds):
    """Raise TaskTimeLimit after `seconds`: a slow endpoint cannot hold the worker past its budget.

    A timer signal only reaches the main thread; elsewhere (runserver's request threads with the
    immediate backend) the summarizer's own timeouts are the limit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TaskTimeLimit(_("The summarizer took longer than %(s)g s.") % {"s": seconds})

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@task
def suggest_summary(suggestion_id):
    """Run the configured summarizer for a pending suggestion and store its text or its error."""
    suggestion = (
        SummarySuggestion.objects.select_related("article")
        .filter(pk=suggestion_id, status=SummarySuggestion.Status.PENDING)
        .first()
    )
    if suggestion is None:
        return "gone"  # finished already, given up on, or deleted with its article
    suggestions.record_start(suggestion_id)
    article = suggestion.article
    try:
        summarizer = get_summarizer()
        with time_limit(time_budget(summarizer)):
            text = summarizer.summarize(
                suggestions.source_text(article, summarizer),
                language=article.language,
                max_chars=suggestions.summary_max_length(),
            )
        if not text.strip():
            raise SummarizerError(_("The article has no text to summarize yet."))
    except (SummarizerError, TaskTimeLimit) as error:
        suggestions.record_failure(suggestion_id, str(error))
        return "failed"
    except BaseException as error:
        # Anything else, a worker told to stop included: record it, then let it go on.
        if isinstance(error, Exception):
            logger.exception("Summary suggestion %s failed", suggestion_id)
            message = _("The summarizer stopped with an unexpected error; the server log has details.")
        else:
            message = _("The worker was stopped while preparing this suggestion.")
        suggestions.record_failure(suggestion_id, message)
        raise
    suggestions.record_result(suggestion_id, text=text, backend=summarizer.name)
    return "ready"
