"""Reader pages. Every query here starts from Article.objects.public()."""

from datetime import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import cached_property

from articles.cache import cached_for_generation
from articles.models import Article, Author, Section, Tag


class _Paginator(Paginator):
    """Counts once per content generation: COUNT(*) grows with the archive, a page does not (issue 7)."""

    def __init__(self, object_list, per_page, count_key):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cached_for_generation(f"count:{self.count_key}", lambda: Paginator.count.func(self))


def _page(request, queryset, count_key):
    """One page of a listing; a page number out of range or malformed gives the nearest page."""
    # Listings never show the body: a few KB per row the database need not send (issue 7).
    paginator = _Paginator(queryset.defer("body"), settings.ARTICLES_PER_PAGE, count_key)
    return paginator.get_page(request.GET.get("page"))


def front_page(request):
    page = _page(request, Article.objects.public().for_listing(), "front")
    lead = page.object_list[0] if page.number == 1 and page.object_list else None
    rest = page.object_list[1:] if lead else page.object_list
    return render(request, "articles/front_page.html", {"page": page, "lead": lead, "articles": rest})


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.public().select_related("section", "summary").prefetch_related("authors", "tags"),
        slug=slug,
    )
    return render(request, "articles/article_detail.html", _article_context(article))


def _article_context(article):
    previous_article, next_article = article.adjacent_public()
    return {"article": article, "previous_article": previous_article, "next_article": next_article}


def section_page(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = _page(
        request, Article.objects.public().filter(section=section).for_listing(), f"section:{section.pk}"
    )
    return render(request, "articles/section_page.html", {"section": section, "page": page})


def author_page(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page = _page(
        request, Article.objects.public().filter(authors=author).for_listing(), f"author:{author.pk}"
    )
    return render(request, "articles/author_page.html", {"author": author, "page": page})


def tag_page(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, Article.objects.public().filter(tags=tag).for_listing(), f"tag:{tag.pk}")
    return render(request, "articles/tag_page.html", {"tag": tag, "page": page})


def archive_index(request):
    months = cached_for_generation(
        "archive-months",
        lambda: list(
            Article.objects.public()
            .annotate(month=TruncMonth("publish_at"))
            .values_list("month", flat=True)
            .distinct()
            .order_by("-month")
        ),
    )
    return render(request, "articles/archive_index.html", {"months": months})


def archive_year(request, year):
    if not 1990 <= year <= 9998:
        raise Http404
    tz = timezone.get_current_timezone()
    start = datetime(year, 1, 1, tzinfo=tz)
    end = datetime(year + 1, 1, 1, tzinfo=tz)
    page = _page(
        request,
        Article.objects.public().filter(publish_at__gte=start, publish_at__lt=end).for_listing(),
        f"year:{year}",
    )
    return render(request, "articles/archive_period.html", {"period": start, "year": year, "page": page})


def archive_month(request, year, month):
    if not (1990 <= year <= 9998 and 1 <= month <= 12):
        raise Http404
    tz = timezone.get_current_timezone()
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    page = _page(
        request,
        Article.objects.public().filter(publish_at__gte=start, publish_at__lt=end).for_listing(),
        f"month:{year}-{month}",
    )
    return render(
        request,
        "articles/archive_period.html",
        {"period": start, "year": year, "month": month, "page": page},
    )


def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
