"""The admin site whose home is the desk.

Writers and editors (anyone who may view articles) land on the desk at /admin/; the list of
models Django shows there otherwise moves to /admin/models/, linked from the desk, for superusers
and anyone else who needs it. The calendar, the notifications page and the change form's small
JSON endpoints (autosave, presence) live under /admin/desk/, behind the admin's login, with CSRF
protection and no caching, like every admin view (AdminSite.admin_view).
"""

from functools import partial, update_wrapper

from django.conf import settings
from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification


def shows_desk(user):
    """Writers and editors (whoever may view articles) get the desk as their home."""
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


class DeskSite(admin.AdminSite):
    # The views are imported when first used: this module is imported while the admin site is
    # being created, before the article admin (which the views use) may register on it.

    site_header = settings.NEWSROOM_NAME
    site_title = settings.NEWSROOM_NAME
    index_title = _("Desk")

    def index(self, request, extra_context=None):
        if shows_desk(request.user):
            from desk import views

            return views.desk(request, self)
        return self.models(request, extra_context)

    def models(self, request, extra_context=None):
        """Django's own index: every model the user may see."""
        return super().index(request, {"title": _("All models"), **(extra_context or {})})

    def each_context(self, request):
        context = super().each_context(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_active and user.is_staff:
            # Called by the template only where it is shown: one COUNT on the unread index.
            context["unread_notifications"] = partial(self._unread, user)
            context["shows_desk"] = shows_desk(user)
        return context

    @staticmethod
    def _unread(user):
        return Notification.objects.for_user(user).unread().count()

    def get_urls(self):
        from desk import autosave, presence, views
        from notifications import views as notification_views

        def site_view(function):
            return self.admin_view(update_wrapper(partial(function, site=self), function))

        return [
            path("models/", self.admin_view(self.models), name="models"),
            path("desk/calendar/", site_view(views.calendar_week), name="desk-calendar"),
            path("desk/calendar/<str:day>/", site_view(views.calendar_day), name="desk-calendar-day"),
            path("desk/notifications/", site_view(notification_views.inbox), name="desk-notifications"),
            path("desk/autosave/", self.admin_view(autosave.save), name="desk-autosave"),
            path("desk/autosave/discard/", self.admin_view(autosave.discard), name="desk-autosave-discard"),
            path(
                "desk/presence/<int:article_id>/", self.admin_view(presence.heartbeat), name="desk-presence"
            ),
            *super().get_urls(),
        ]
