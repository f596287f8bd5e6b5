"""Who may do what to an article: the rules the admin, preview and every action ask."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from articles.models import Article, Author

PUBLISH = "articles.publish_article"
APPROVE_SUMMARY = "articles.approve_summary"
EDIT_ANY = "articles.edit_any_article"


def require_permission(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied(_("You do not have permission to do that."))


def owned_by(user):
    """Articles the user created or writes as one of the authors."""
    return Q(created_by=user) | Q(Exists(Author.objects.filter(articles=OuterRef("pk"), user=user)))


def visible_to(user, queryset=None):
    """The articles a staff user may see in the admin and preview."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not (user.is_active and user.is_staff):
        return queryset.none()
    if user.has_perm(EDIT_ANY):
        return queryset
    if not user.has_perm("articles.view_article"):
        return queryset.none()
    return queryset.filter(owned_by(user))


def can_view(user, article):
    return visible_to(user, Article.objects.filter(pk=article.pk)).exists()


def can_edit(user, article):
    """Editors edit anything; writers their own drafts and articles returned to them."""
    if not user.has_perm("articles.change_article"):
        return False
    if user.has_perm(EDIT_ANY):
        return True
    if article.pk is None:
        return True
    editable = article.status in {Article.Status.DRAFT, Article.Status.UNPUBLISHED}
    return editable and can_view(user, article)


def can_share(user):
    """Whether a user may create and revoke share links for someone without an account."""
    return user.is_active and user.is_staff and user.has_perm(PUBLISH)


def can_delete(user, article):
    """Nobody but a superuser deletes an article that has ever been published: unpublish instead."""
    if user.is_superuser:
        return True
    if article.has_been_public or article.status == Article.Status.PUBLISHED:
        return False
    return user.has_perm("articles.delete_article") and can_edit(user, article)
