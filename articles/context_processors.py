from django.conf import settings

from articles.models import Section
from pagecache.content import content_state


def site(request):
    """Site chrome for every page: the newsroom's name and its sections for the menu."""
    return {
        "newsroom_name": settings.NEWSROOM_NAME,
        # The language of the site's own words (menus, labels); an article's text carries its own.
        "site_language": settings.LANGUAGE_CODE,
        # Lazy: evaluated only by templates that draw the menu.
        "menu_sections": Section.objects.only("name", "slug"),
        # Lazy too: the key of fragment caches that change with content (the menu).
        "content_generation": lambda: (
            getattr(request, "content_generation", None) or content_state().generation
        ),
    }
