from django.conf import settings

from articles.models import Section
from articles.pagetags import MENU
from pagecache import versions


def site(request):
    """Site chrome for every page: the newsroom's name and its sections for the menu."""
    return {
        "newsroom_name": settings.NEWSROOM_NAME,
        # The language of the site's own words (menus, labels); an article's text carries its own.
        "site_language": settings.LANGUAGE_CODE,
        # Lazy: evaluated only by templates that draw the menu.
        "menu_sections": Section.objects.only("name", "slug"),
        # Lazy too: the key of the menu's fragment cache, which changes when "menu" is purged.
        "menu_version": lambda: versions.current([MENU], create=True).get(MENU),
    }
