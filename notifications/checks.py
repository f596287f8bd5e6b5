"""Deploy checks for notifications: email links need to know the site's address."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.compatibility, deploy=True)
def site_url_for_emails(app_configs=None, **kwargs):
    if settings.MAILERS and not settings.SITE_URL:
        return [
            Warning(
                "SITE_URL is not set: links in notification emails are paths without the site's address.",
                hint="Set SITE_URL, e.g. https://news.example.com.",
                id="notifications.W001",
            )
        ]
    return []
