"""Staff preview and share links: an article as readers will see it, before they can.

Neither view ever answers 403 or redirects to a login page: anyone who may not see
the article gets the same 404 as for an article that does not exist.
"""

from django.core import signing
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache

from articles import workflow
from articles.models import SHARE_LINK_SALT, Article, ShareLink
from articles.models.figures import pictures_of
from articles.views import article_context
from images import access

TEMPLATE = "articles/article_detail.html"


def _private(response, *, referrer=False):
    """Keep a preview out of shared caches and search engines."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    if not referrer:
        # The page's address carries the token; links on it must not pass it on.
        response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def preview(request, pk):
    article = get_object_or_404(Article.objects.for_page(), pk=pk)
    if not workflow.can_view(request.user, article):
        raise Http404
    response = render(request, TEMPLATE, article_context(article, preview=True))
    return _private(response, referrer=True)


@never_cache
def share(request, token):
    """An article for someone without an account, while the link is valid."""
    try:
        pk = signing.Signer(salt=SHARE_LINK_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):  # ValueError: a valid signature over a non-token
        return _not_found(request)
    if type(pk) is not int:
        return _not_found(request)
    link = (
        ShareLink.objects.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("article")
        .filter(pk=pk)
        .first()
    )
    if link is None:
        return _not_found(request)
    if link.article.is_public:
        return _private(redirect(link.article))
    # One conditional UPDATE (active() includes the view limit) records the view and enforces
    # the limit, so two readers racing for the last view cannot both get it.
    opened = (
        ShareLink.objects.active()
        .filter(pk=pk)
        .update(open_count=F("open_count") + 1, last_opened_at=timezone.now())
    )
    if not opened:
        return _not_found(request)
    article = Article.objects.for_page().get(pk=link.article_id)
    context = {**article_context(article, preview=True), "share_link": link}
    response = _private(render(request, TEMPLATE, context))
    # Someone without an account sees the article's pictures while the link lasts (a signed cookie).
    lasts = int((link.expires_at - timezone.now()).total_seconds())
    keys = [image.key for image in pictures_of(article)]
    return access.grant(request, response, keys, seconds=max(1, min(access.GRANT_SECONDS, lasts)))


def _not_found(request):
    # Rendered here rather than raised, so that even the 404 is private and passes no Referer.
    return _private(render(request, "404.html", status=404))
