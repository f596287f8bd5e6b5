"""axe-core finds nothing on any public page type, on a phone and a desktop, in light and dark."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.axe import axe_violations
from tests.factories import make_article, make_author, make_section, make_tag

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def public_pages():
    """One URL per public page type, over a small bilingual newsroom."""
    now = timezone.now()
    city, business = make_section(name="City", slug="city"), make_section(name="Business", slug="business")
    author = make_author(name="Anna Berg", slug="anna-berg")
    transport = make_tag(name="Transport", slug="transport")
    make_article(
        headline="Tram line to the harbour approved",
        standfirst="The council votes for a two-year build.",
        section=city,
        authors=[author],
        tags=[transport],
        publish_at=now - timedelta(hours=5),
    )
    with_summary = make_article(
        headline="Ferry strike ends after a night of talks",
        standfirst="Ferries run again from Monday.",
        body="<p>The ferry operators and the union agreed on pay.</p><h2>What changes</h2><p>More crews.</p>",
        section=city,
        authors=[author],
        tags=[transport],
        summary="Ferries run again from Monday after a deal on pay.",
        publish_at=now - timedelta(hours=3),
    )
    without_summary = make_article(
        headline="Порт открыл новый терминал",
        standfirst="Терминал примет первые суда в мае.",
        body="<p>Новый терминал обошёлся городу дешевле, чем ожидалось.</p>",
        language="ru",
        section=business,
        authors=[author],
        tags=[transport],
        publish_at=now - timedelta(hours=1),
    )
    local = timezone.localtime(with_summary.publish_at)
    return {
        "front": "/",
        "article with summary": with_summary.get_absolute_url(),
        "article without summary": without_summary.get_absolute_url(),
        "section": city.get_absolute_url(),
        "author": author.get_absolute_url(),
        "tag": transport.get_absolute_url(),
        "archive index": "/archive/",
        "archive period": f"/archive/{local.year}/{local.month}/",
        "search with results": "/search/?q=ferry",
        "search without results": "/search/?q=zeppelin",
        "not found": "/no-such-page/",
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_axe_violations_on_any_public_page(browser, live_server, viewport, scheme):
    pages = public_pages()
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = {}
    try:
        for name, path in pages.items():
            page.goto(live_server.url + path)
            if found := axe_violations(page):
                problems[name] = found
    finally:
        context.close()
    assert not problems, problems
