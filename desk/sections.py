"""What waits for whom: the desk's headings (PRODUCT.md, "The editors' desk") and their queries.

Each heading is one query with a limit, and the counts at a glance are one more; the authors of every
story shown come in one query at the end. The number of queries is fixed, whatever the archive size
(tests/test_query_budget.py), and every query is bounded by state or by time.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.db.models.query import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import workflow
from articles.models import Article, Notice, WorkflowEvent

LIMIT = 20
Status = Article.Status
LISTED_FIELDS = ["headline", "slug", "status", "publish_at", "updated_at", "section__name"]


@dataclass
class Heading:
    key: str
    title: str
    entries: list
    count: int
    empty: str
    more_url: str = ""
    groups: list = field(default_factory=list)  # (label, entries) where a heading is split in time


def changelist_url(**query):
    url = reverse("admin:articles_article_changelist")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _latest_event(value):
    events = WorkflowEvent.objects.filter(article=OuterRef("pk")).order_by("-at", "-id")
    if value == "actor_name":
        full = NullIf(Trim(Concat("actor__first_name", Value(" "), "actor__last_name")), Value(""))
        events = events.annotate(actor_name=Coalesce(full, "actor__username"))
    return Subquery(events.values(value)[:1])


def _listed(queryset):
    return queryset.select_related("section").only(*LISTED_FIELDS)


def _waiting(visible, now):
    submitted = WorkflowEvent.objects.filter(article=OuterRef("pk"), action="submit").order_by("-at")
    return list(
        _listed(visible.filter(status=Status.IN_REVIEW))
        .annotate(submitted_at=Coalesce(Subquery(submitted.values("at")[:1]), F("updated_at")))
        .order_by("submitted_at", "pk")[:LIMIT]
    )


def _day_end(now):
    local = timezone.localtime(now)
    return datetime.combine(local.date() + timedelta(days=1), time.min, tzinfo=local.tzinfo)


def _scheduled(visible, now, week_end):
    entries = list(
        _listed(
            visible.filter(status=Status.PUBLISHED, publish_at__gt=now, publish_at__lte=week_end)
        ).order_by("publish_at", "pk")[:LIMIT]
    )
    day_end = _day_end(now)
    groups = [
        (_("Today"), [a for a in entries if a.publish_at < day_end]),
        (_("This week"), [a for a in entries if a.publish_at >= day_end]),
    ]
    return entries, [(label, items) for label, items in groups if items]


def counts(visible, now, *, recent, week_end):
    """The counts at a glance, in one query bounded to current work by state and time."""
    current = visible.filter(
        Q(status__in=[Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED])
        | Q(status=Status.PUBLISHED, publish_at__gt=now - recent)
    )
    summary_open = Q(summary__isnull=False, summary__approved_at__isnull=True) & ~Q(summary__text="")
    return current.aggregate(
        drafts=Count("pk", filter=Q(status__in=[Status.DRAFT, Status.UNPUBLISHED])),
        review=Count("pk", filter=Q(status=Status.IN_REVIEW)),
        scheduled=Count(
            "pk", filter=Q(status=Status.PUBLISHED, publish_at__gt=now, publish_at__lte=week_end)
        ),
        published=Count("pk", filter=Q(status=Status.PUBLISHED, publish_at__lte=now)),
        summaries=Count("pk", filter=summary_open & Q(status__in=[Status.IN_REVIEW, Status.PUBLISHED])),
    )


def writer_headings(user, now):
    visible = workflow.visible_to(user)
    week_end = now + timedelta(days=7)
    total = counts(visible, now, recent=timedelta(days=7), week_end=week_end)
    drafts = list(
        _listed(visible.filter(status__in=[Status.DRAFT, Status.UNPUBLISHED]))
        .annotate(
            latest_action=_latest_event("action"),
            latest_note=_latest_event("note"),
            latest_at=_latest_event("at"),
            latest_actor=_latest_event("actor_name"),
        )
        .order_by("-updated_at", "-pk")[: LIMIT * 2]
    )
    returned = [a for a in drafts if a.status == Status.DRAFT and a.latest_action == "return"]
    own = [a for a in drafts if a not in returned][:LIMIT]
    scheduled, _groups = _scheduled(visible, now, week_end)
    published = list(
        _listed(visible.public().filter(publish_at__gt=now - timedelta(days=7))).order_by("-publish_at")[
            :LIMIT
        ]
    )
    return [
        Heading("drafts", _("My drafts"), own, total["drafts"] - len(returned),
                _("No drafts. Start a new story."), changelist_url(state="draft")),
        Heading("returned", _("Returned to me"), returned, len(returned),
                _("Nothing has come back to you.")),
        Heading("review", _("Waiting for review"), _waiting(visible, now), total["review"],
                _("Nothing of yours is waiting for review."), changelist_url(state="review")),
        Heading("scheduled", _("Scheduled"), scheduled, total["scheduled"],
                _("Nothing of yours is scheduled this week."), changelist_url(state="scheduled")),
        Heading("published", _("Published this week"), published, total["published"],
                _("Nothing of yours was published this week."), changelist_url(state="live")),
    ]  # fmt: skip


def editor_headings(user, now):
    visible = workflow.visible_to(user)
    week_end = now + timedelta(days=7)
    total = counts(visible, now, recent=timedelta(days=1), week_end=week_end)
    to_approve = list(
        _listed(
            visible.filter(
                Q(status=Status.IN_REVIEW)
                | Q(status=Status.PUBLISHED, publish_at__gt=now - timedelta(days=1)),
                summary__isnull=False,
                summary__approved_at__isnull=True,
            ).exclude(summary__text="")
        )
        .select_related("summary")
        .only(*LISTED_FIELDS, "summary__text", "summary__origin")
        .order_by(F("publish_at").asc(nulls_first=True), "pk")[:LIMIT]
    )
    scheduled, groups = _scheduled(visible, now, week_end)
    published = list(
        _listed(visible.public().filter(publish_at__gt=now - timedelta(days=1))).order_by("-publish_at")
    )[:LIMIT]
    heading = Heading(
        "scheduled", _("Scheduled"), scheduled, total["scheduled"],
        _("Nothing is scheduled for the coming week."), changelist_url(state="scheduled"), groups,
    )  # fmt: skip
    return [
        Heading("review", _("Waiting for review"), _waiting(visible, now), total["review"],
                _("Nothing is waiting for review."), changelist_url(state="review")),
        Heading("summaries", _("Summaries to approve"), to_approve, total["summaries"],
                _("No summary is waiting for approval.")),
        heading,
        Heading("published", _("Recently published"), published, total["published"],
                _("Nothing was published in the last 24 hours."), changelist_url(state="live")),
    ]  # fmt: skip


def recent_corrections(now):
    notices = Notice.objects.filter(created_at__gte=now - timedelta(days=7)).select_related("article")
    return list(notices.only("kind", "text", "created_at", "article__headline").order_by("-created_at")[:10])


def with_authors(headings):
    """Every listed story's authors in one query."""
    articles = {a.pk: a for heading in headings for a in heading.entries}
    prefetch_related_objects(list(articles.values()), "authors")
    for heading in headings:
        for article in heading.entries:
            if article is not articles[article.pk]:
                article._prefetched_objects_cache = articles[article.pk]._prefetched_objects_cache
    return headings
