"""Receivers for the workflow's log and the summary assistant: what happened, and who is told.

`articles` never imports this app. Every state change is logged as a WorkflowEvent, so a receiver
for its post_save learns about all of them, however they happened (button, bulk action, calendar,
`load_demo`). A failure here is logged and never undoes the editor's action.
"""

import logging
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from articles.admin.display import newsroom_time
from articles.models import Article, SummarySuggestion, WorkflowEvent
from notifications import live
from notifications.models import Notification
from notifications.notify import display_name, editors, notify, writers_of

logger = logging.getLogger(__name__)
Kind = Notification.Kind


def connect():
    post_save.connect(workflow_event_saved, sender=WorkflowEvent, dispatch_uid="notifications.workflow")
    post_save.connect(suggestion_saved, sender=SummarySuggestion, dispatch_uid="notifications.suggestion")
    post_save.connect(article_saved, sender=Article, dispatch_uid="notifications.article")


def messages_for(event):
    """(kind, recipients, text) for a logged state change, or None when nobody needs telling."""
    article = event.article
    values = {"who": display_name(event.actor), "headline": article.headline}
    match event.action:
        case "submit":
            return Kind.SUBMITTED, editors(), _("%(who)s submitted “%(headline)s” for review.") % values
        case "return":
            return Kind.RETURNED, writers_of(article), _("%(who)s returned “%(headline)s” to you.") % values
        case "publish":
            return Kind.PUBLISHED, writers_of(article), _("%(who)s published “%(headline)s”.") % values
        case "schedule":
            values["when"] = newsroom_time(event.publish_at)
            text = _("%(who)s scheduled “%(headline)s” to go live %(when)s.") % values
            return Kind.SCHEDULED, writers_of(article), text
        case "unpublish":
            return Kind.UNPUBLISHED, writers_of(article), _("%(who)s unpublished “%(headline)s”.") % values
    return None


def workflow_event_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _safely(_notify_event, instance)


def _notify_event(event):
    found = messages_for(event)
    if found is None:
        return
    kind, recipients, text = found
    if event.actor_id:
        recipients = recipients.exclude(pk=event.actor_id)  # nobody is told what they did themselves
    notify(recipients, kind=kind, article=event.article, actor=event.actor, text=text, note=event.note)


def suggestion_saved(sender, instance, created, raw=False, **kwargs):
    finished = {SummarySuggestion.Status.READY, SummarySuggestion.Status.USED}
    if raw or instance.status not in finished or not (instance.requested_by_id and instance.finished_at):
        return
    _safely(_notify_suggestion, instance)


def _notify_suggestion(suggestion):
    # Saved again later (Use suggestion): the person who asked was told the first time.
    told = Notification.objects.filter(
        kind=Kind.SUMMARY_READY,
        article_id=suggestion.article_id,
        recipient_id=suggestion.requested_by_id,
        created_at__gte=suggestion.finished_at,
    )
    if told.exists():
        return
    article = suggestion.article
    notify(
        get_user_model().objects.filter(pk=suggestion.requested_by_id, is_active=True),
        kind=Kind.SUMMARY_READY,
        article=article,
        actor=None,
        text=_("The summary suggestion you asked for on “%(headline)s” is ready.")
        % {"headline": article.headline},
        note=suggestion.text,
    )


def article_saved(sender, instance, raw=False, **kwargs):
    """A scheduled story: look again when its time comes (the queue runs the check then)."""
    if not raw and instance.is_scheduled:
        transaction.on_commit(partial(live.check_when_due, instance.pk, instance.publish_at))


def _safely(function, *args):
    """Run a notifier in a savepoint: if it fails, log it and let the editor's action stand."""
    try:
        with transaction.atomic():
            function(*args)
    except Exception:
        logger.exception("Could not create notifications (%s)", function.__name__)
