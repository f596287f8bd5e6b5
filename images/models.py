"""An image in the library: the original (never public), its description, and its renditions."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

RENDITIONS_DIR = "renditions"
ORIGINALS_DIR = "originals"


def new_key():
    """128 random bits: the unguessable part of every rendition's address."""
    return secrets.token_urlsafe(16)


class ImageQuerySet(models.QuerySet):
    def missing_alt_text(self):
        return self.filter(alt_text="", is_decorative=False)

    def without_renditions(self):
        return self.filter(renditions={})


class Image(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    file = models.FileField(_("original"), upload_to=ORIGINALS_DIR, max_length=255, editable=False)
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("For finding the picture in the library; readers never see it."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for readers who cannot see it, in a sentence. Not the caption: "
            "screen readers read both. Required before an article using the picture can be published, "
            "unless it is decorative."
        ),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Adds nothing a reader needs (an ornament): screen readers skip it, no alt text needed."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("The usual caption; an article may use its own."),
    )
    credit = models.CharField(
        _("credit / source"),
        max_length=150,
        blank=True,
        help_text=_("Photographer and agency, or the source; shown with the picture wherever it is used."),
    )
    focal_x = models.FloatField(
        _("focal point across"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    focal_y = models.FloatField(
        _("focal point down"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    # As displayed: after the EXIF orientation is applied.
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    format = models.CharField(_("format"), max_length=10, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    is_animated = models.BooleanField(_("animated"), default=False, editable=False)
    # SHA-256 of the uploaded bytes: the same file uploaded twice is one image.
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    key = models.CharField(max_length=32, unique=True, editable=False)  # set on first save
    # What images/renditions.py made: {"w": {"avif": [[w, h, name], ...], ...}, "card": ..., "social": ...}
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    renditions_state = models.CharField(
        _("renditions"), max_length=10, choices=State.choices, default=State.PENDING, editable=False
    )
    renditions_error = models.CharField(max_length=300, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("edit_any_image", _("Can edit images uploaded by anyone"))]
        constraints = [
            models.UniqueConstraint(
                fields=["content_hash"], condition=~Q(content_hash=""), name="image_unique_content"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = new_key()
        super().save(*args, **kwargs)

    @property
    def has_alt_text(self):
        """Whether the image may appear on a public page: described, or marked decorative."""
        return self.is_decorative or bool(self.alt_text.strip())

    @property
    def alt(self):
        """The alt attribute pages use: empty for a decorative picture."""
        return "" if self.is_decorative else self.alt_text

    @property
    def orientation(self):
        if self.width > self.height:
            return "landscape"
        return "portrait" if self.height > self.width else "square"

    def rendition_names(self):
        """Every file name in the manifest (the only names the media gate serves)."""
        return {
            name
            for formats in self.renditions.values()
            for candidates in formats.values()
            for _width, _height, name in candidates
        }

    def rendition_path(self, name):
        return f"{RENDITIONS_DIR}/{self.key}/{name}"
