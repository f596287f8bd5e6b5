"""Bylines for staff: the author profile a staff user writes as."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from articles.models import Author


def author_profile(user, *, create=True):
    """The user's author profile; one is made from their name the first time they write, if missing.

    Only for those who may write (add articles); others get None. The profile is named as the
    account is (full name, else username) and an editor can rename it under Authors.
    """
    if not (user.is_active and user.is_staff and user.has_perm("articles.add_article")):
        return None
    existing = Author.objects.filter(user=user).first()
    if existing is not None or not create:
        return existing
    name = user.get_full_name() or user.get_username()
    base = slugify(name) or f"author-{user.pk}"
    for n in range(1, 100):
        slug = base if n == 1 else f"{base}-{n}"
        if Author.objects.filter(slug=slug).exists():
            continue
        try:
            with transaction.atomic():
                return Author.objects.create(name=name, slug=slug, user=user)
        except IntegrityError:
            # The same user in two tabs at once, or a slug taken in between: look again.
            if found := Author.objects.filter(user=user).first():
                return found
    return None
