"""The editorial calendar: scheduled and published stories by day, in the newsroom's zone, and
scheduling a story from it.

Days run from midnight to midnight in settings.TIME_ZONE (the zone Django makes current), so a
story at 00:30 Moscow time sits on the right day whatever the server's or the browser's zone.
Everyone sees what readers can see (the published stories); scheduled stories show to those who may
see them in the admin (editors all, writers their own).
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.db.models import BooleanField, ExpressionWrapper, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import Article

Status = Article.Status


def local_today():
    return timezone.localdate()


def week_of(day):
    """The Monday of the week that holds `day`."""
    return day - timedelta(days=day.weekday())


def midnight(day):
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def parse_day(value, default):
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return default


def entries(user, first_day, days):
    """Stories published or scheduled in [first_day, first_day + days), in time order."""
    now = timezone.now()
    visible = workflow.visible_to(user)
    mine = (
        Q(pk__in=Subquery(visible.values("pk")))
        if not user.has_perm(workflow.EDIT_ANY)
        else Q(pk__isnull=False)
    )
    return list(
        Article.objects.filter(
            Q(publish_at__lte=now) | mine,
            status=Status.PUBLISHED,
            publish_at__gte=midnight(first_day),
            publish_at__lt=midnight(first_day + timedelta(days=days)),
        )
        .annotate(openable=ExpressionWrapper(mine, output_field=BooleanField()))
        .select_related("section")
        .only("headline", "slug", "status", "publish_at", "section__name")
        .order_by("publish_at", "pk")
    )


def entry(article):
    """What the calendar shows for one story, and where its link goes."""
    local = timezone.localtime(article.publish_at)
    url = (
        reverse("admin:articles_article_change", args=[article.pk])
        if article.openable
        else article.get_absolute_url()
    )
    return {"article": article, "time": local.strftime("%H:%M"), "url": url, "day": local.date()}


def week(user, monday):
    found = [entry(a) for a in entries(user, monday, 7)]
    today = local_today()
    return [
        {
            "date": day,
            "is_today": day == today,
            "is_past": day < today,
            "entries": [e for e in found if e["day"] == day],
            "url": reverse("admin:desk-calendar-day", args=[day.isoformat()]),
        }
        for day in (monday + timedelta(days=n) for n in range(7))
    ]


def schedulable(user):
    """Stories an editor may schedule from the calendar: not live, newest work first, at most 200."""
    candidates = workflow.visible_to(user).filter(
        Q(status__in=[Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED])
        | Q(status=Status.PUBLISHED, publish_at__gt=timezone.now())
    )
    newest = candidates.order_by("-updated_at").values("pk")[:200]
    return Article.objects.filter(pk__in=Subquery(newest)).order_by("status", "-updated_at")


class StoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, article):
        return f"{article.headline} ({article.state_label})"


class ScheduleForm(forms.Form):
    article = StoryChoiceField(label=_("Story"), queryset=Article.objects.none())
    at = forms.TimeField(
        label=_("Time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("In newsroom time."),
    )

    def __init__(self, *args, user, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.day = day
        self.fields["article"].queryset = schedulable(user).only("headline", "status", "publish_at")
        self.fields["at"].help_text = _("In newsroom time (%(zone)s).") % {
            "zone": timezone.get_current_timezone_name()
        }

    def clean(self):
        cleaned = super().clean()
        if "at" in cleaned:
            when = datetime.combine(self.day, cleaned["at"], tzinfo=timezone.get_current_timezone())
            if when <= timezone.now():
                raise forms.ValidationError(
                    _("That time has passed. Choose a later one, or publish now from the story's page.")
                )
            if when > timezone.now() + timedelta(days=5 * 365):
                raise forms.ValidationError(_("Choose a time within five years."))
            cleaned["when"] = when
        return cleaned
