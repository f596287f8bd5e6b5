"""The editors' side: the article admin and the taxonomy admins (Django's autodiscovery loads this).

- article: ArticleAdmin, a thin dispatch over `articles.workflow`, with its inlines
- revisions, sharing: the revision pages and share links, as mixins of the article admin
- changelist, display, forms: its list filter and paginator, shared display helpers, its forms
- extensions: where other apps add buttons, panels and bulk actions to the article admin
- taxonomy: sections, authors and tags
"""

from articles.admin import article, taxonomy  # noqa: F401  (registers the admins)
