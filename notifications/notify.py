"""Creating notifications: who the people of a story are, and one message for each of them."""

from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from articles import workflow
from articles.admin.display import newsroom_time
from notifications import delivery
from notifications.models import Notification


def display_name(user):
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def editors():
    """Everyone who reviews: active staff who may publish (by group or directly, not as superusers)."""
    users = get_user_model().objects.with_perm(
        workflow.PUBLISH, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    )
    return users.filter(is_staff=True)


def writers_of(article):
    """The people a story belongs to: its authors' accounts, who created it, who last submitted it."""
    ids = set(article.authors.exclude(user=None).values_list("user_id", flat=True))
    if article.created_by_id:
        ids.add(article.created_by_id)
    submitter = article.workflow_events.filter(action="submit").values_list("actor_id", flat=True).first()
    if submitter:
        ids.add(submitter)
    return get_user_model().objects.filter(pk__in=ids, is_active=True, is_staff=True)


def notify(recipients, *, kind, article, actor, text, note=""):
    """One notification per recipient; their email goes to the task queue once this commits."""
    created = []
    for recipient in recipients:
        notification = Notification(
            recipient=recipient, kind=kind, article=article, actor=actor, text=text[:400], note=note
        )
        delivery.decide(notification)
        notification.save()
        created.append(notification)
    for notification in created:
        if notification.email_state == Notification.Email.PENDING:
            transaction.on_commit(partial(delivery.enqueue, notification.pk))
    return created


def notify_live(article):
    """Tell a scheduled story's people that it has gone live."""
    return notify(
        writers_of(article),
        kind=Notification.Kind.LIVE,
        article=article,
        actor=None,
        text=_("“%(headline)s” went live %(when)s, as scheduled.")
        % {"headline": article.headline, "when": newsroom_time(article.publish_at)},
    )
