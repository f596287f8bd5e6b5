"""The newsroom's content, one module per concern; everything is importable from here.

- taxonomy: Section, Author, Tag
- article: Article; querysets: the one definition of public (`Article.objects.public()`) and
  what each page loads; slug: ArticleSlug (former slugs)
- notice: Notice (corrections and clarifications)
- summary: Summary, SummarySuggestion
- editorial: Revision, WorkflowEvent
- sharing: ShareLink
- figures: BodyImage (library pictures in a body) and the rules the image library asks
"""

from articles.models.article import Article
from articles.models.editorial import Revision, WorkflowEvent
from articles.models.figures import BodyImage
from articles.models.notice import Notice
from articles.models.querysets import ArticleQuerySet
from articles.models.sharing import SHARE_LINK_DEFAULT_HOURS, SHARE_LINK_SALT, ShareLink
from articles.models.slug import ArticleSlug
from articles.models.summary import Summary, SummarySuggestion
from articles.models.taxonomy import Author, Section, Tag

__all__ = [
    "SHARE_LINK_DEFAULT_HOURS",
    "SHARE_LINK_SALT",
    "Article",
    "ArticleQuerySet",
    "ArticleSlug",
    "Author",
    "BodyImage",
    "Notice",
    "Revision",
    "Section",
    "ShareLink",
    "Summary",
    "SummarySuggestion",
    "Tag",
    "WorkflowEvent",
]
