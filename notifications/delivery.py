"""Email for notifications: through Django's mailers, from the task queue, retried a bounded number of times.

Nothing here runs inside the editor's action: `notify()` only records the notification, and its
email is queued once the action's transaction commits. A refusing or broken SMTP server is logged
and the email tried again later (settings.NOTIFICATION_EMAIL_ATTEMPTS times in all, waiting
NOTIFICATION_EMAIL_RETRY_SECONDS, then twice as long each time); an account without an email
address, or whose owner switched email off, is skipped with a note the recipient sees.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notifications.models import Notification, Preference

logger = logging.getLogger(__name__)
Email = Notification.Email


def email_configured():
    """Whether this server sends email at all: a default mailer (EMAIL_HOST or EMAIL_BACKEND is set)."""
    return "default" in mail.mailers


def decide(notification):
    """Set whether the notification's email will be sent, or why not (before it is saved)."""
    recipient = notification.recipient
    reason = _skip_reason(recipient)
    if reason:
        notification.email_state, notification.email_note = Email.SKIPPED, reason
        logger.info("Notification email skipped for %s: %s", recipient.get_username(), reason)
    else:
        notification.email_state, notification.email_note = Email.PENDING, ""


def _skip_reason(recipient):
    if not email_configured():
        return _("Not emailed: this newsroom's server sends no email.")
    if not recipient.email:
        return _("Not emailed: your account has no email address.")
    if Preference.objects.filter(user=recipient, email_enabled=False).exists():
        return _("Not emailed: you switched email off.")
    return ""


def enqueue(notification_id, *, delay=None):
    """Queue the email; a queue that refuses the job is noted on the notification, never raised."""
    try:
        job = send_email.using(run_after=timezone.now() + delay) if delay else send_email
        job.enqueue(notification_id)
    except Exception as error:
        logger.exception("Could not queue the email for notification %s", notification_id)
        Notification.objects.filter(pk=notification_id, email_state=Email.PENDING).update(
            email_state=Email.FAILED,
            email_note=_("Not emailed: the task queue refused the job (%s).") % error,
        )


@task
def send_email(notification_id):
    """Email one notification; a failure is recorded and retried later, a bounded number of times."""
    return send(notification_id)


def send(notification_id):
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "article", "actor")
            .filter(pk=notification_id, email_state=Email.PENDING)
            .first()
        )
        if notification is None:
            return "gone"  # sent, skipped or failed already, or deleted
        if reason := _skip_reason(notification.recipient):  # changed since it was queued
            notification.email_state, notification.email_note = Email.SKIPPED, reason
            notification.save(update_fields=["email_state", "email_note"])
            return "skipped"
        notification.email_attempts += 1
        try:
            message(notification).send(using="default")
        except (smtplib.SMTPException, OSError) as error:
            return _failed(notification, error)
        notification.email_state, notification.email_note = Email.SENT, ""
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["email_state", "email_note", "email_attempts", "emailed_at"])
        return "sent"


def _failed(notification, error):
    attempts, limit = notification.email_attempts, settings.NOTIFICATION_EMAIL_ATTEMPTS
    reason = f"{type(error).__name__}: {error}"[:200]
    retry = attempts < limit and send_email.get_backend().supports_defer
    logger.warning(
        "Notification email %s failed (attempt %s of %s): %s",
        notification.pk,
        attempts,
        limit,
        reason,
        extra={"notification": notification.pk, "attempt": attempts, "retry": retry},
    )
    if retry:
        delay = timedelta(seconds=settings.NOTIFICATION_EMAIL_RETRY_SECONDS * 2 ** (attempts - 1))
        notification.email_note = _("Attempt %(n)s failed (%(error)s); trying again at %(when)s.") % {
            "n": attempts,
            "error": reason,
            "when": date_format(timezone.localtime(timezone.now() + delay), "H:i:s"),
        }
        transaction.on_commit(lambda: enqueue(notification.pk, delay=delay))
    else:
        notification.email_state = Email.FAILED
        notification.email_note = _("Not emailed after %(n)s attempts: %(error)s") % {
            "n": attempts,
            "error": reason,
        }
    notification.save(update_fields=["email_state", "email_note", "email_attempts"])
    return "retry" if retry else "failed"


def message(notification):
    """The email for a notification: plain text, with links into the admin."""
    article = notification.article
    site = settings.SITE_URL.rstrip("/")
    context = {
        "notification": notification,
        "newsroom": settings.NEWSROOM_NAME,
        "story_url": site + reverse("admin:articles_article_change", args=[article.pk]) if article else "",
        "inbox_url": site + reverse("admin:desk-notifications"),
    }
    headline = article.headline if article else ""
    subject = f"[{settings.NEWSROOM_NAME}] {notification.get_kind_display()}: {headline}"
    return mail.EmailMessage(
        subject=" ".join(subject.split())[:200],
        body=render_to_string("notifications/email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
    )
