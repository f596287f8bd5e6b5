"""Small pieces the article admin's pages share: times in the newsroom's zone, states, error text."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
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
