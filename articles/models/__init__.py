"""The newsroom's content, one module per concern; everything is importable from here.

- taxonomy: Section, Author, Tag
- article: Article (and the one definition of public, `Article.objects.public()`), ArticleSlug
- notice: Notice (corrections and clarifications)
- summary: Summary, SummarySuggestion
- editorial: Revision, WorkflowEvent
- sharing: ShareLink
"""

from articles.models.article import Article, ArticleQuerySet, ArticleSlug
from articles.models.editorial import Revision, WorkflowEvent
from articles.models.notice import Notice
from articles.models.sharing import SHARE_LINK_DEFAULT_HOURS, SHARE_LINK_SALT, ShareLink
from articles.models.summary import Summary, SummarySuggestion
from articles.models.taxonomy import Author, Section, Tag

__all__ = [
    "SHARE_LINK_DEFAULT_HOURS",
    "SHARE_LINK_SALT",
    "Article",
    "ArticleQuerySet",
    "ArticleSlug",
    "Author",
    "Notice",
    "Revision",
    "Section",
    "ShareLink",
    "Summary",
    "SummarySuggestion",
    "Tag",
    "WorkflowEvent",
]
