"""Small pieces the article admin's pages share: times in the newsroom's zone, states, error text."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _


def newsroom_time(value):
    """A time in the newsroom's zone, with the zone named, so nobody schedules the wrong hour."""
    return date_format(timezone.localtime(value), "j M Y, H:i T") if value else "—"


def state_text(article):
    """The article's state as the admin shows it; a scheduled one says when it goes live."""
    if article.is_scheduled:
        return _("Scheduled: goes live %(when)s") % {"when": newsroom_time(article.publish_at)}
    return article.state_label


def error_message(error):
    """What a refused action tells the editor."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("not allowed")


def lead_image_summary(image):
    """The saved lead image on the form: a thumbnail, its alt text and credit, a link to edit them."""
    if image is None:
        return _("None yet. Choose one from the library above, or upload one with the + button.")
    preview = reverse("admin:images_image_preview", args=[image.pk])
    change = reverse("admin:images_image_change", args=[image.pk])
    alt = image.alt_text or (
        _("decorative") if image.is_decorative else _("missing: needed before publishing")
    )
    return format_html(
        '<img class="lead-image-thumb" src="{}" alt="" width="160" height="107"> '
        '<span>{}: {}<br>{}: {}<br><a href="{}">{}</a></span>',
        preview, _("Alt text"), alt, _("Credit"), image.credit or "—", change, _("Edit in the image library"),
    )  # fmt: skip
