"""A suggestion always ends: its limits nest, any failure is recorded, an abandoned one fails (issue 11)."""

import os
import signal
import sys
import threading
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, SummarySuggestion
from assistant import limits, tasks
from assistant.summarizers import OpenAISummarizer, get_summarizer
from tests.e2e.fake_model import FakeModel
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
BODY = "<p>" + "The council met and voted on the harbour plan after a long debate. " * 10 + "</p>"


@pytest.fixture
def fake_model(settings):
    model = FakeModel().start()
    settings.SUMMARIZER = {**settings.SUMMARIZER, "BACKEND": "openai", "BASE_URL": model.url, "MODEL": "fake"}
    yield model
    model.stop()


def pending_suggestion(**fields):
    article = make_article(body=BODY)
    return SummarySuggestion.objects.create(article=article, **fields)


@pytest.mark.parametrize(("timeout", "retries"), [(20, 2), (1, 0), (5, 4), (60, 0)])
def test_the_limits_nest(settings, timeout, retries):
    settings.SUMMARIZER = {
        **settings.SUMMARIZER,
        "BACKEND": "openai",
        "BASE_URL": "http://x/v1",
        "MODEL": "m",
    }
    settings.SUMMARIZER["TIMEOUT"], settings.SUMMARIZER["RETRIES"] = timeout, retries
    summarizer = get_summarizer()
    assert isinstance(summarizer, OpenAISummarizer)
    worst_case = timeout * (retries + 1) + sum(summarizer.backoff * 2**n for n in range(retries))
    assert summarizer.worst_case_seconds == worst_case
    assert worst_case < limits.time_budget(summarizer) < limits.abandon_after()


def test_an_endpoint_that_never_finishes_its_answer_fails_within_the_budget(fake_model, settings):
    """Each byte arrives before the read timeout, so only the task's own budget can stop it."""
    settings.SUMMARIZER |= {"TIMEOUT": 1, "RETRIES": 0}
    fake_model.trickle = True
    suggestion = pending_suggestion()
    started = time.monotonic()
    assert tasks.suggest_summary.call(suggestion.pk) == "failed"
    assert time.monotonic() - started < limits.time_budget(get_summarizer()) + 1
    suggestion.refresh_from_db()
    assert suggestion.status == SummarySuggestion.Status.FAILED
    assert "took longer than 6 s" in suggestion.error


def test_a_worker_stopped_mid_task_records_the_failure(fake_model, settings):
    """db_worker exits on a second SIGTERM (SystemExit): not an Exception, recorded all the same."""
    settings.SUMMARIZER |= {"TIMEOUT": 10, "RETRIES": 0}
    fake_model.delay = 5
    suggestion = pending_suggestion()
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: sys.exit(1))
    try:
        threading.Timer(0.5, os.kill, [os.getpid(), signal.SIGUSR1]).start()
        with pytest.raises(SystemExit):
            tasks.suggest_summary.call(suggestion.pk)
    finally:
        signal.signal(signal.SIGUSR1, previous)
    suggestion.refresh_from_db()
    assert suggestion.status == SummarySuggestion.Status.FAILED
    assert suggestion.error == "The worker was stopped while preparing this suggestion."


def test_a_suggestion_whose_worker_died_fails_when_the_editor_looks_and_can_be_tried_again(client):
    editor = make_user(group="Editors")
    long_ago = timezone.now() - timedelta(seconds=limits.abandon_after() + 1)
    suggestion = pending_suggestion(started_at=long_ago, created_at=long_ago, requested_by=editor)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[suggestion.article_id])
    page = client.get(url).content.decode()
    assert "The worker stopped while preparing this suggestion" in page
    assert 'name="_suggest_summary"' in page and "Try again" in page
    suggestion.refresh_from_db()
    assert suggestion.status == SummarySuggestion.Status.FAILED


def test_a_suggestion_no_worker_takes_fails_after_the_queue_timeout(client, settings):
    editor = make_user(group="Editors")
    suggestion = pending_suggestion(
        created_at=timezone.now() - timedelta(seconds=settings.SUMMARY_QUEUE_TIMEOUT + 1)
    )
    fresh = pending_suggestion()
    client.force_login(editor)
    client.get(reverse("admin:articles_article_change", args=[suggestion.article_id]))
    client.get(reverse("admin:articles_article_change", args=[fresh.article_id]))
    suggestion.refresh_from_db()
    fresh.refresh_from_db()
    assert suggestion.status == SummarySuggestion.Status.FAILED
    assert "is the task worker running?" in suggestion.error
    assert fresh.status == SummarySuggestion.Status.PENDING


def test_a_late_result_for_an_abandoned_suggestion_changes_nothing():
    from assistant.suggestions import record_result

    suggestion = pending_suggestion(status=SummarySuggestion.Status.FAILED, error="given up")
    record_result(suggestion.pk, text="Too late.", backend="openai:fake")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.text) == (SummarySuggestion.Status.FAILED, "")
    assert not Article.objects.get(pk=suggestion.article_id).revisions.exists()
