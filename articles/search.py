"""Search: ranked full-text search on PostgreSQL, a plain case-insensitive fallback elsewhere.

On PostgreSQL each article stores its search document in `Article.search_vector` (GIN-indexed):
headline (weight A), standfirst (B), approved summary (C) and body (D), stemmed with the article's
own language. A query is parsed with websearch_to_tsquery in both Russian and English and the two
are OR-ed, so each article matches the half built with its own configuration.
"""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Concat
from django.db.models.signals import post_delete, post_save
from django.utils.functional import cached_property
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.models import Article, Summary

TEXT_SEARCH_CONFIGS = {Article.Language.RUSSIAN: "russian", Article.Language.ENGLISH: "english"}
DEFAULT_CONFIG = "english"
# PostgreSQL marks matches with these private-use characters; they become <mark> after escaping.
START_SEL, STOP_SEL = "\ue000", "\ue001"
SNIPPET_WORDS = 24
# The fallback turns each word into several LIKE clauses; a handful of words is plenty.
FALLBACK_MAX_TERMS = 8
# Results a reader can page through: 50 pages of 20. Counting stops there, so a word found in half
# the archive costs no full count (see docs/search.md).
MAX_RESULTS = 1000
# Ranking reads every matching article's stored vector: for a word found in most of a 100,000-article
# archive that is seconds under load. When a query matches more than a reader can page through, only
# the newest RANKING_WINDOW public articles are ranked (a news search favours recent stories anyway).
RANKING_WINDOW = 5000


def uses_full_text_search():
    return connection.vendor == "postgresql"


def article_config():
    """The article's own text search configuration, as an SQL expression."""
    whens = [When(language=language, then=Value(config)) for language, config in TEXT_SEARCH_CONFIGS.items()]
    return Case(*whens, default=Value(DEFAULT_CONFIG))


def search_document(summary_model=Summary):
    """An article's weighted tsvector: the one definition, used on save, in migrations and benchmarks."""
    config = article_config()
    approved_summary = Subquery(
        summary_model.objects.filter(article=OuterRef("pk"), approved_at__isnull=False).values("text")[:1]
    )
    # PostgreSQL's parser skips HTML tags and entities, so the sanitized body is indexed as it is stored.
    return (
        SearchVector("headline", weight="A", config=config)
        + SearchVector("standfirst", weight="B", config=config)
        + SearchVector(
            Coalesce(approved_summary, Value(""), output_field=TextField()), weight="C", config=config
        )
        + SearchVector("body", weight="D", config=config)
    )


def update_search_vectors(queryset):
    """Rebuild the stored search document of these articles with one UPDATE (PostgreSQL only)."""
    if uses_full_text_search():
        queryset.update(search_vector=search_document())


# Fields whose change alters an article's search document.
SEARCHED_FIELDS = {"headline", "standfirst", "body", "language"}


def _article_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or SEARCHED_FIELDS.intersection(update_fields):
        update_search_vectors(Article.objects.filter(pk=instance.pk))


def _summary_changed(sender, instance, **kwargs):
    # An approved summary is part of the article's search document.
    update_search_vectors(Article.objects.filter(pk=instance.article_id))


def keep_index_current():
    """Re-index an article whenever it or its summary is saved (ArticlesConfig.ready() calls this)."""
    post_save.connect(_article_saved, sender=Article, dispatch_uid="search-article-saved")
    post_save.connect(_summary_changed, sender=Summary, dispatch_uid="search-summary-saved")
    post_delete.connect(_summary_changed, sender=Summary, dispatch_uid="search-summary-deleted")


def search_query(text):
    """The words as websearch_to_tsquery in both languages: quotes, `or` and `-` work; nothing raises."""
    return SearchQuery(text, config="russian", search_type="websearch") | SearchQuery(
        text, config="english", search_type="websearch"
    )


def search(text, *, section=None, date_from=None, date_to=None):
    """Public articles matching `text`, best first, optionally within a section and a date range."""
    articles = Article.objects.public()
    if section is not None:
        articles = articles.filter(section=section)
    if date_from is not None:
        articles = articles.filter(publish_at__date__gte=date_from)
    if date_to is not None:
        articles = articles.filter(publish_at__date__lte=date_to)
    if uses_full_text_search():
        query = search_query(text)
        matching = articles.filter(search_vector=query)
        if matching.order_by()[MAX_RESULTS : MAX_RESULTS + 1].exists():
            matching = matching.filter(publish_at__gte=_window_start(articles))
        return matching.annotate(rank=SearchRank(F("search_vector"), query)).order_by(
            "-rank", "-publish_at", "-id"
        )
    terms = fallback_terms(text)
    if not terms:
        return articles.none()
    for term in terms:
        articles = articles.filter(
            Q(headline__icontains=term)
            | Q(standfirst__icontains=term)
            | Q(body__icontains=term)
            | Q(summary__text__icontains=term, summary__approved_at__isnull=False)
        )
    return articles.order_by("-publish_at", "-id")


def _window_start(articles):
    """When the RANKING_WINDOW-th newest article was published: one step on the (publish_at, id) index."""
    newest = articles.order_by("-publish_at", "-id").values_list("publish_at", flat=True)
    return newest[RANKING_WINDOW - 1 : RANKING_WINDOW].first() or newest.last()


class ResultsPaginator(Paginator):
    """Pages through at most MAX_RESULTS results, counting no further."""

    @cached_property
    def matches(self):
        """How many articles match, up to MAX_RESULTS + 1 (which means "more")."""
        return self.object_list.order_by()[: MAX_RESULTS + 1].count()

    @cached_property
    def count(self):
        return min(self.matches, MAX_RESULTS)

    @property
    def has_more_than_shown(self):
        return self.matches > MAX_RESULTS


def fallback_terms(text):
    return re.findall(r"\w+", text)[:FALLBACK_MAX_TERMS]


def highlight(articles, text):
    """Give each article of one results page `search_headline` and `search_snippet`: safe HTML with <mark>."""
    if not articles:
        return
    if uses_full_text_search():
        _highlight_full_text(articles, text)
    else:
        _highlight_fallback(articles, text)


def _highlight_full_text(articles, text):
    # ts_headline reparses each document, so it runs for this page's articles only.
    query = search_query(text)
    config = article_config()
    rows = (
        Article.objects.filter(pk__in=[article.pk for article in articles])
        .annotate(
            marked_headline=SearchHeadline(
                "headline", query, config=config, start_sel=START_SEL, stop_sel=STOP_SEL, highlight_all=True
            ),
            marked_snippet=SearchHeadline(
                Concat("standfirst", Value(" "), "body", output_field=TextField()),
                query,
                config=config,
                start_sel=START_SEL,
                stop_sel=STOP_SEL,
                max_words=SNIPPET_WORDS,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .values_list("pk", "marked_headline", "marked_snippet")
    )
    marked = {pk: (headline, snippet) for pk, headline, snippet in rows}
    for article in articles:
        headline, snippet = marked.get(article.pk, (article.headline, ""))
        article.search_headline = _marks_to_html(headline)
        article.search_snippet = _marks_to_html(" ".join(html.unescape(strip_tags(snippet)).split()))


def _marks_to_html(marked_text):
    escaped = escape(marked_text)
    return mark_safe(escaped.replace(START_SEL, "<mark>").replace(STOP_SEL, "</mark>"))


def _highlight_fallback(articles, text):
    terms = fallback_terms(text)
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None
    for article in articles:
        summary = article.approved_summary
        source = article.standfirst or (summary.text if summary else "") or article.plain_text
        article.search_headline = _mark_terms(article.headline, pattern)
        article.search_snippet = _mark_terms(Truncator(source).words(SNIPPET_WORDS), pattern)


def _mark_terms(text, pattern):
    if pattern is None:
        return escape(text)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
