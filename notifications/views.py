"""The notifications page in the admin: one's own notifications, marking them read, the email switch."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications import delivery
from notifications.models import Notification, Preference

LISTED = [
    "kind", "text", "note", "created_at", "read_at", "email_state", "email_note",
    "article__headline", "actor__username", "actor__first_name", "actor__last_name",
]  # fmt: skip


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["email_enabled"]
        labels = {"email_enabled": gettext_lazy("Email me my notifications")}


def inbox(request, site):
    mine = Notification.objects.for_user(request.user)
    preference = Preference.objects.filter(user=request.user).first() or Preference(user=request.user)
    if request.method == "POST":
        return _act(request, mine, preference)
    page = Paginator(
        mine.select_related("article", "actor").only(*LISTED),
        50,
    ).get_page(request.GET.get("page"))
    context = {
        **site.each_context(request),
        "title": _("Notifications"),
        "subtitle": None,
        "page": page,
        "unread": mine.unread().count(),
        "form": PreferenceForm(instance=preference),
        "email_configured": delivery.email_configured(),
        "has_address": bool(request.user.email),
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/notifications/inbox.html", context)


def _act(request, mine, preference):
    action = request.POST.get("action")
    if action == "read":
        pk = request.POST.get("notification", "")
        marked = mine.filter(pk=int(pk) if pk.isdigit() else 0).unread().update(read_at=timezone.now())
        if not marked:
            messages.info(request, _("That notification was read already."))
    elif action == "read-all":
        marked = mine.unread().update(read_at=timezone.now())
        messages.success(request, _("%(n)d marked as read.") % {"n": marked})
    elif action == "preferences":
        form = PreferenceForm(request.POST, instance=preference)
        if form.is_valid():
            form.save()
            messages.success(
                request,
                _("Notifications will be emailed to you.")
                if form.instance.email_enabled
                else _("Notifications stay here; none will be emailed to you."),
            )
    else:
        messages.error(request, _("Unknown action."))
    return HttpResponseRedirect(reverse("admin:desk-notifications") + _page_suffix(request))


def _page_suffix(request):
    page = request.POST.get("page", "")
    return f"?page={page}" if page.isdigit() else ""
