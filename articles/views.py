"""Reader pages. Every query here starts from Article.objects.public()."""

from datetime import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property

from articles import pagetags
from articles import search as article_search
from articles.forms import SearchForm
from articles.models import Article, ArticleSlug, Author, Section, Tag
from pagecache.content import cached_for_tags
from pagecache.querystring import query_params

RELATED_ARTICLES = 4


class _Paginator(Paginator):
    """Counts once per change of what is listed: COUNT(*) grows with the archive, a page does not."""

    def __init__(self, object_list, per_page, count_key):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cached_for_tags(f"count:{self.count_key}", [pagetags.LISTING], self.object_list.count)


def _page(request, queryset, count_key, *tags):
    """One page of a listing, recorded for the page cache with `tags`; a page number out of range or
    malformed gives the nearest page."""
    # Listings never show the body: a few KB per row the database need not send (issue 7).
    paginator = _Paginator(queryset.defer("body"), settings.ARTICLES_PER_PAGE, count_key)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    pagetags.record_listing(request, page.object_list, *tags)
    return page


@query_params("page")
def front_page(request):
    page = _page(request, Article.objects.public().for_listing(), "front")
    lead = page.object_list[0] if page.number == 1 and page.object_list else None
    rest = page.object_list[1:] if lead else page.object_list
    return render(request, "articles/front_page.html", {"page": page, "lead": lead, "articles": rest})


@query_params()
def article_detail(request, slug):
    article = Article.objects.public().for_page().filter(slug=slug).first()
    if article is None:
        # A former slug of a public article: one permanent redirect to the current URL, no chains.
        former = (
            ArticleSlug.objects.filter(slug=slug, article__in=Article.objects.public())
            .select_related("article")
            .first()
        )
        if former is None:
            raise Http404
        return redirect(former.article, permanent=True)
    context = article_context(article)
    pagetags.record_article_page(request, article, context)
    return render(request, "articles/article_detail.html", context)


def article_short_url(request, pk):
    """A short, stable address for print and social use."""
    article = get_object_or_404(Article.objects.public().only("slug"), pk=pk)
    return redirect(article, permanent=True)


def article_context(article, *, preview=False):
    """What the article page shows; a preview also shows the current summary and a banner.

    A preview of an article that is not public yet shows Previous/Next as they would be
    if it were published now: the newest public article before it, nothing after it.
    """
    # A preview's picture addresses stay on the site, where the gate sees the viewer's session or grant.
    context = {"article": article, "body_html": article.render_body(private=preview)}
    if preview and not article.is_public:
        context["previous_article"] = (
            Article.objects.public()
            .order_by("-publish_at", "-id")
            .only("headline", "slug", "language")
            .first()
        )
        context["next_article"] = None
    else:
        context["previous_article"], context["next_article"] = article.adjacent_public()
    context["related_articles"] = related_articles(
        article, besides=(context["previous_article"], context["next_article"])
    )
    if preview:
        context["preview"] = True
        summary = getattr(article, "summary", None)
        context["preview_summary"] = summary if summary and summary.text.strip() else None
    return context


def related_articles(article, *, besides=()):
    """Up to four public stories for "More on this": sharing a tag first, then the section's, newest first.

    Never the article itself nor those in `besides` (its Previous and Next). Two queries at
    most, each read newest first from an index, however large the archive; the page cache keeps
    the result with the page.
    """
    seen = {article.pk, *(other.pk for other in besides if other is not None)}
    stories = (
        Article.objects.public()
        .select_related("section")
        .only("headline", "slug", "publish_at", "language", "section__name", "section__slug")
        .order_by("-publish_at", "-id")
    )
    found = []
    # The tags came with the page (ArticleQuerySet.for_page): no query for them here.
    tag_ids = [tag.pk for tag in article.tags.all()]
    if tag_ids:
        tagged = Article.tags.through.objects.filter(tag_id__in=tag_ids).values("article_id")
        found = list(stories.filter(pk__in=tagged).exclude(pk__in=seen)[:RELATED_ARTICLES])
    if len(found) < RELATED_ARTICLES:
        seen.update(story.pk for story in found)
        same_section = stories.filter(section_id=article.section_id).exclude(pk__in=seen)
        found += same_section[: RELATED_ARTICLES - len(found)]
    return found


@query_params("page")
def section_page(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = _page(
        request,
        Article.objects.public().filter(section=section).for_listing(),
        f"section:{section.pk}",
        pagetags.section(section.pk),
    )
    return render(request, "articles/section_page.html", {"section": section, "page": page})


@query_params("page")
def author_page(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page = _page(
        request,
        Article.objects.public().filter(authors=author).for_listing(),
        f"author:{author.pk}",
        pagetags.author(author.pk),
    )
    return render(request, "articles/author_page.html", {"author": author, "page": page})


@query_params("page")
def tag_page(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(
        request,
        Article.objects.public().filter(tags=tag).for_listing(),
        f"tag:{tag.pk}",
        pagetags.tag(tag.pk),
    )
    return render(request, "articles/tag_page.html", {"tag": tag, "page": page})


@query_params()
def archive_index(request):
    pagetags.record_listing(request, [])
    months = cached_for_tags(
        "archive-months",
        [pagetags.LISTING],
        lambda: list(
            Article.objects.public()
            .annotate(month=TruncMonth("publish_at"))
            .values_list("month", flat=True)
            .distinct()
            .order_by("-month")
        ),
    )
    return render(request, "articles/archive_index.html", {"months": months})


@query_params("page")
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


@query_params("page")
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


@query_params("q", "section", "date_from", "date_to", "page")
def search(request):
    """Search public articles; any query string gives a page, at worst with a form error."""
    form = SearchForm(request.GET or None)
    query = page = articles = None
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        results = article_search.search(
            query,
            section=form.cleaned_data["section"],
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
        )
        paginator = article_search.ResultsPaginator(
            results.for_listing().select_related("summary"), settings.ARTICLES_PER_PAGE
        )
        page = paginator.get_page(request.GET.get("page"))
        articles = list(page.object_list)
        article_search.highlight(articles, query)
        pagetags.record_listing(request, articles)
    pagetags.record_listing(request, [], pagetags.SEARCH)
    return render(
        request,
        "articles/search_page.html",
        {"form": form, "query": query, "page": page, "articles": articles},
    )
