"""Share links: a signed, expiring, revocable preview for someone without an account."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article

# The views are in articles/preview.py.
SHARE_LINK_SALT = "articles.share"
SHARE_LINK_DEFAULT_HOURS = 48


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that still open: not revoked, not expired, views left."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now()).filter(
            Q(max_views__isnull=True) | Q(open_count__lt=F("max_views"))
        )


class ShareLink(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="share_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Filled in by save() when not given: a callable default would tie the migrations to this module.
    expires_at = models.DateTimeField(_("expires at"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("last opened at"), null=True, blank=True)
    open_count = models.PositiveIntegerField(_("views"), default=0)
    max_views = models.PositiveIntegerField(
        _("view limit"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self):
        return f"{self.article} (#{self.pk})"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = timezone.now() + timedelta(hours=SHARE_LINK_DEFAULT_HOURS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:share", kwargs={"token": self.token})

    @property
    def token(self):
        """The signed id that the link carries; the row, not the token, says whether it still opens.

        The same link always has the same token, so the admin can show it again.
        """
        return signing.Signer(salt=SHARE_LINK_SALT).sign_object(self.pk)
