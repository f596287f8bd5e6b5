"""A notification is one message to one person about one article, with how its email went."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned to the writer")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")
        LIVE = "live", _("Gone live")
        UNPUBLISHED = "unpublished", _("Unpublished")
        SUMMARY_READY = "summary", _("Summary suggestion ready")

    class Email(models.TextChoices):
        PENDING = "pending", _("Sending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("for"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    text = models.CharField(_("text"), max_length=400)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(_("email"), max_length=8, choices=Email.choices, default=Email.PENDING)
    email_note = models.CharField(_("email note"), max_length=300, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("email attempts"), default=0)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"], name="notification_unread", condition=models.Q(read_at__isnull=True)
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def is_read(self):
        return self.read_at is not None


class Preference(models.Model):
    """A user's choice about email; without a row, email is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_enabled = models.BooleanField(
        _("email me"), default=True, help_text=_("Notifications also arrive by email.")
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user}: {'email' if self.email_enabled else 'no email'}"


class LiveAnnouncement(models.Model):
    """A scheduled story went live at `publish_at` and its people were told: at most once."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    publish_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "publish_at"], name="live_announced_once")]

    def __str__(self):
        return f"{self.article_id} live at {self.publish_at:%Y-%m-%d %H:%M}"
