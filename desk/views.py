"""The desk (the admin's home for writers and editors) and the calendar's week and day pages."""

import logging
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles import workflow
from articles.admin.display import error_message, newsroom_time
from articles.admin.writing import short_time
from articles.models import Article
from desk import calendar, presence, sections
from notifications import live
from notifications.models import Notification

logger = logging.getLogger(__name__)


def desk(request, site):
    now = timezone.now()
    try:
        live.announce_gone_live()  # stories that went live from a schedule (notifications/live.py)
    except Exception:
        logger.exception("Could not announce stories that went live")
    is_editor = request.user.has_perm(workflow.PUBLISH)
    headings = (sections.editor_headings if is_editor else sections.writer_headings)(request.user, now)
    sections.with_authors(headings)
    shown = {a.pk for heading in headings for a in heading.entries}
    editing = presence.editing_now(shown, exclude_user=request.user)
    for heading in headings:
        for article in heading.entries:
            article.editing_now = editing.get(article.pk, "")
    unread = Notification.objects.for_user(request.user).unread().count()
    context = {
        **site.each_context(request),
        "unread_notifications": unread,  # the header's count too: one query for both
        "title": _("Desk"),
        "subtitle": None,
        "is_editor": is_editor,
        "headings": headings,
        "corrections": sections.recent_corrections(now) if is_editor else [],
        "unread": unread,
        "now": now,
        "can_add": request.user.has_perm("articles.add_article"),
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/desk/desk.html", context)


def calendar_week(request, site):
    monday = calendar.week_of(calendar.parse_day(request.GET.get("week"), calendar.local_today()))
    days = calendar.week(request.user, monday)
    context = {
        **site.each_context(request),
        "title": _("Calendar: week of %(day)s") % {"day": date_format(monday, "j F Y")},
        "subtitle": None,
        "days": days,
        "count": sum(len(day["entries"]) for day in days),
        "previous_url": _week_url(monday - timedelta(days=7)),
        "next_url": _week_url(monday + timedelta(days=7)),
        "this_week_url": reverse("admin:desk-calendar"),
        "is_this_week": monday == calendar.week_of(calendar.local_today()),
        "zone": timezone.get_current_timezone_name(),
        "can_schedule": request.user.has_perm(workflow.PUBLISH),
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/desk/calendar_week.html", context)


def _week_url(monday):
    return reverse("admin:desk-calendar") + f"?week={monday.isoformat()}"


def calendar_day(request, site, day):
    day = calendar.parse_day(day, None)
    if day is None:
        messages.error(request, _("That is not a date the calendar knows."))
        return HttpResponseRedirect(reverse("admin:desk-calendar"))
    can_schedule = request.user.has_perm(workflow.PUBLISH)
    form, confirm = None, None
    if request.method == "POST":
        if not can_schedule:
            raise PermissionDenied(_("Only editors schedule stories."))
        form = calendar.ScheduleForm(request.POST, user=request.user, day=day)
        if form.is_valid():
            if request.POST.get("confirm") == "1":
                return _schedule(request, form, day)
            confirm = {
                "article": form.cleaned_data["article"],
                "when": newsroom_time(form.cleaned_data["when"]),
                "short": short_time(form.cleaned_data["when"]),
            }
    elif can_schedule:
        form = calendar.ScheduleForm(
            user=request.user,
            day=day,
            initial={"article": request.GET.get("article"), "at": _default_time(day)},
        )
    context = {
        **site.each_context(request),
        "title": _("Calendar: %(day)s") % {"day": date_format(day, "l j F Y")},
        "subtitle": None,
        "day": day,
        "entries": [calendar.entry(a) for a in calendar.entries(request.user, day, 1)],
        "week_url": _week_url(calendar.week_of(day)),
        "previous_url": reverse("admin:desk-calendar-day", args=[(day - timedelta(days=1)).isoformat()]),
        "next_url": reverse("admin:desk-calendar-day", args=[(day + timedelta(days=1)).isoformat()]),
        "zone": timezone.get_current_timezone_name(),
        "form": form,
        "confirm": confirm,
        "is_past": day < calendar.local_today(),
    }
    request.current_app = site.name
    return TemplateResponse(request, "admin/desk/calendar_day.html", context)


def _default_time(day):
    now = timezone.localtime()
    if day == now.date():
        return (now + timedelta(hours=1)).replace(minute=0).strftime("%H:%M")
    return "09:00"


def _schedule(request, form, day):
    when = form.cleaned_data["when"]
    try:
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=form.cleaned_data["article"].pk)
            if article.is_public:
                raise ValidationError(_("It is live already; unpublish it first to schedule it again."))
            workflow.publish(article, by=request.user, at=when, note=_("Scheduled from the calendar"))
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _("Not scheduled: %(reason)s") % {"reason": error_message(error)})
    else:
        messages.success(
            request,
            _("“%(headline)s” is scheduled: it goes live by itself %(when)s.")
            % {"headline": article.headline, "when": newsroom_time(when)},
        )
    return HttpResponseRedirect(reverse("admin:desk-calendar-day", args=[day.isoformat()]))
