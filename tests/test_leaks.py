"""The leak matrix: a non-public article never reaches a reader, on any public URL the project has.

The public URLs are discovered from the URL configuration, not listed by hand: every
pattern outside the admin, preview and share links is requested with every fixture
value its parameters could take (slugs, ids, the year and month), with and without
`?q=` carrying a word of the hidden headline (so a search page searches for it). A
new public URL is requested automatically; it must also be added to SURFACES below,
which says whether the published control article has to show there, so no surface
can pass by showing nothing.

Media (issue 12): the hidden article has a lead image and a body picture that no public article
uses. Their unguessable keys are secrets too (no public page may name them), and every one of
their renditions and their originals must answer 404 to anyone without the library, while the
control article's pictures are served.
"""

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import SITEMAPS
from tests.factories import (
    make_article,
    make_author,
    make_image,
    make_section,
    make_tag,
    make_user,
    picture_bytes,
)

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)

# What the control article must do on each public surface, keyed by URL name (or route when
# unnamed). SHOWS: the control's headline or URL appears in at least one of the responses.
# QUIET: the surface lists no articles at all (the leak checks still apply to it).
SHOWS, QUIET = "shows the control article", "lists no articles"
SURFACES = {
    "articles:front": SHOWS,
    "articles:detail": SHOWS,  # the control's own page, and its neighbour's Previous/Next
    "articles:section": SHOWS,
    "articles:author": SHOWS,
    "articles:tag": SHOWS,
    "articles:archive": QUIET,  # months, not articles
    "articles:archive-year": SHOWS,
    "articles:archive-month": SHOWS,
    "articles:short": QUIET,  # a redirect to the canonical URL; the hidden article's id must 404
    "healthz": QUIET,
    "readyz": QUIET,  # JSON about the database, cache and task queue; never article content
    "articles:feed-rss": SHOWS,
    "articles:feed-atom": SHOWS,
    "articles:section-feed-rss": SHOWS,
    "articles:section-feed-atom": SHOWS,
    "articles:sitemap": QUIET,  # an index of sitemaps, not articles
    "articles:sitemap-section": SHOWS,
    "articles:robots": QUIET,
    "articles:search": SHOWS,
}
# Never requested: staff-only or token-guarded, tested in test_preview.py and test_share_links.py.
PRIVATE_PREFIXES = ("admin/", "preview/", "share/")

# The hidden article. Every string here is unique to it and must never appear publicly.
HIDDEN = {
    "headline": "Marmalade cartel whistleblower named",
    "slug": "quokka-cartel-whistleblower",
    "standfirst": "Zebrafinch documents reveal the scheme.",
    "body": "<p>Pangolin ledger shows the payments.</p>",
}
SECRETS = ["Marmalade cartel whistleblower named", "quokka-cartel-whistleblower", "Zebrafinch", "Pangolin"]
SEARCH_WORD = "marmalade"  # in the hidden headline and in the control's, so a search must choose
CONTROL_HEADLINE = "Marmalade festival opens on the quay"

SITUATIONS = {
    "draft-past": (Article.Status.DRAFT, -2),
    "draft-future": (Article.Status.DRAFT, +2),
    "draft-no-time": (Article.Status.DRAFT, None),
    "in-review-past": (Article.Status.IN_REVIEW, -2),
    "in-review-future": (Article.Status.IN_REVIEW, +2),
    "unpublished-past": (Article.Status.UNPUBLISHED, -2),
    "unpublished-future": (Article.Status.UNPUBLISHED, +2),
    "scheduled": (Article.Status.PUBLISHED, +2),
}


@dataclass
class Surface:
    route: str
    name: str | None
    default_args: dict = field(default_factory=dict)

    @property
    def key(self):
        return self.name or self.route


def _is_private(route):
    static = tuple(u.lstrip("/") for u in (settings.STATIC_URL, settings.MEDIA_URL) if u and u != "/")
    return route.startswith(PRIVATE_PREFIXES + static)


def _pattern_text(pattern):
    text = str(pattern.pattern)
    if isinstance(pattern.pattern, RegexPattern):
        if re.search(r"\(\?P<|\((?!\?)", text):
            raise AssertionError(
                f"Cannot build a URL for the regex pattern {text!r}; use path() or teach tests/test_leaks.py"
            )
        text = text.removeprefix("^").removesuffix("$").replace("\\", "")
    return text


def discover(patterns=None, prefix="", namespace=None):
    """Every public URL pattern of the project, from the URL configuration."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + _pattern_text(pattern)
        if _is_private(route):
            continue
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            yield from discover(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and ":".join(n for n in (namespace, pattern.name) if n)
            yield Surface(route, name, dict(pattern.default_args))


PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _candidates(converter, name, surface, world):
    local = timezone.localtime(NOW)
    if name == "year":
        return [local.year]
    if name == "month":
        return [local.month]
    if name == "day":
        return [local.day]
    if converter == "int":
        return [article.pk for article in world["articles"]]
    values = [world["section"].slug, world["author"].slug, world["tag"].slug]
    values += [article.slug for article in world["articles"]]
    # Django's sitemap views name their sections by the keys of the `sitemaps` argument.
    values += list(surface.default_args.get("sitemaps", SITEMAPS))
    return values


def urls_for(surface, world):
    """Concrete URLs for a pattern: every combination of fixture values for its parameters."""
    parameters = PARAMETER.findall(surface.route)
    choices = [_candidates(converter, name, surface, world) for converter, name in parameters]
    for values in itertools.product(*choices):
        url = surface.route
        for value in values:
            url = PARAMETER.sub(str(value), url, count=1)
        yield "/" + url, values


def _text(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
    return body.decode("utf-8", "replace") + "\n" + headers


@pytest.fixture(autouse=True)
def _frozen_and_fresh_caches(time_machine):
    time_machine.move_to(NOW, tick=False)
    for cache in caches.all(initialized_only=False):
        cache.clear()


def build_world(situation, *, pictures=True):
    status, hours = SITUATIONS[situation]
    section, author, tag = make_section(), make_author(), make_tag()
    editor = make_user(group="Editors")
    common = {"section": section, "authors": [author], "tags": [tag], "summary": "A short summary."}
    older = make_article(headline="Older harbour story", publish_at=NOW - timedelta(hours=3), **common)
    hidden_lead, hidden_figure, control_lead = (
        (make_image(data=picture_bytes(360, 240)) for _ in range(3)) if pictures else (None, None, None)
    )
    figure = f'<figure><img data-image="{hidden_figure.pk}"></figure>' if pictures else ""
    hidden = make_article(
        **{**HIDDEN, "body": HIDDEN["body"] + figure},
        lead_image=hidden_lead,
        status=status,
        publish_at=None if hours is None else NOW + timedelta(hours=hours),
        created_by=editor,
        **common,
    )
    control = make_article(
        headline=CONTROL_HEADLINE, publish_at=NOW - timedelta(hours=1), lead_image=control_lead, **common
    )
    assert not hidden.is_public and older.is_public and control.is_public
    return {
        "section": section,
        "author": author,
        "tag": tag,
        "hidden": hidden,
        "control": control,
        "older": older,
        "articles": [control, older, hidden],
        "hidden_images": [hidden_lead, hidden_figure],
        "control_image": control_lead,
    }


@pytest.fixture(params=["anonymous", "writer-not-allowed"])
def reader(request, client):
    if request.param == "writer-not-allowed":
        client.force_login(make_user(group="Writers"))
    return client


def uncovered():
    return [s for s in discover() if s.key not in SURFACES]


def test_every_public_url_is_in_the_matrix():
    keys = {s.key for s in discover()}
    assert {"articles:front", "articles:detail"} <= keys, "URL discovery found nothing: check discover()"
    missing = [f"  {s.route!r} (name {s.name!r})" for s in uncovered()]
    assert not missing, (
        "Public URL patterns not in the leak matrix; add each to SURFACES in tests/test_leaks.py, "
        "saying whether the control article shows there:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("situation", SITUATIONS)
def test_hidden_article_never_reaches_a_reader(reader, situation):
    world = build_world(situation)
    hidden, control = world["hidden"], world["control"]
    control_markers = [CONTROL_HEADLINE, control.get_absolute_url()]
    assert reader.get(hidden.get_absolute_url()).status_code == 404
    assert reader.get(reverse("articles:preview", args=[hidden.pk])).status_code == 404

    secrets = SECRETS + [image.key for image in world["hidden_images"] if image]
    problems = []
    for surface in discover():
        shown = False
        for url, values in urls_for(surface, world):
            for query in ("", "?" + urlencode({"q": SEARCH_WORD})):
                response = reader.get(url + query)
                text = _text(response)
                leaked = [secret for secret in secrets if secret in text]
                if leaked:
                    problems.append(f"{url + query} ({surface.key}) shows {leaked}")
                if (hidden.slug in values or hidden.pk in values) and response.status_code != 404:
                    problems.append(f"{url + query} gave {response.status_code}, not 404")
                if response.status_code >= 500:
                    problems.append(f"{url + query} gave {response.status_code}")
                if response.status_code == 200 and any(m in text for m in control_markers):
                    shown = True
        if SURFACES.get(surface.key) == SHOWS and not shown:
            problems.append(f"{surface.route} ({surface.key}) never showed the published control article")
    assert not problems, "\n".join(problems)


def media_urls(image):
    return ["/media/" + image.file.name] + [
        "/media/" + image.rendition_path(name) for name in sorted(image.rendition_names())
    ]


@pytest.fixture(params=["anonymous", "account-without-the-library"])
def media_reader(request, client):
    """Staff with the image library (writers, editors) see every picture by design; nobody else."""
    if request.param == "account-without-the-library":
        client.force_login(make_user())
    return client


@pytest.mark.parametrize("situation", SITUATIONS)
def test_hidden_article_pictures_never_reach_a_reader(media_reader, situation):
    world = build_world(situation)
    problems = []
    for image in world["hidden_images"]:
        assert len(image.rendition_names()) > 5
        for url in media_urls(image):
            if (status := media_reader.get(url).status_code) != 404:
                problems.append(f"{url} gave {status}, not 404")
    control = world["control_image"]
    original, *renditions = media_urls(control)
    if media_reader.get(original).status_code != 404:
        problems.append(f"the control's original {original} is served")
    if {media_reader.get(url).status_code for url in renditions} != {200}:
        problems.append("the published control article's pictures are not served")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("situation", SITUATIONS)
def test_neighbours_link_past_the_hidden_article(reader, situation):
    world = build_world(situation, pictures=False)
    older, control = world["older"], world["control"]
    response = reader.get(older.get_absolute_url())
    assert response.context["next_article"] == control
    html = response.content.decode()
    assert CONTROL_HEADLINE in html
    response = reader.get(control.get_absolute_url())
    assert response.context["previous_article"] == older
    assert "Older harbour story" in response.content.decode()


def test_discovery_requests_a_new_public_url(settings):
    """A URL added to the configuration is found and needs a SURFACES entry (checked on a stand-in)."""
    settings.ROOT_URLCONF = "tests.leaks_urls"
    assert [(s.route, s.key) for s in uncovered()] == [("new-page/<slug:slug>/", "extra:new-page")]
    routes = [s.route for s in discover()]
    assert "articles/<slug:slug>/" in routes
    assert not [r for r in routes if r.startswith(("admin/", "preview/", "share/"))]


@pytest.mark.parametrize("situation", SITUATIONS)
def test_more_on_this_links_past_the_hidden_article(reader, situation):
    world = build_world(situation)  # the hidden article shares the control's section and tag
    oldest = make_article(
        headline="Oldest harbour story",
        publish_at=NOW - timedelta(hours=5),
        section=world["section"],
        tags=[world["tag"]],
    )
    response = reader.get(world["control"].get_absolute_url())
    assert response.context["previous_article"] == world["older"]
    assert response.context["related_articles"] == [oldest]
    html = response.content.decode()
    assert "Oldest harbour story" in html
    assert not [secret for secret in SECRETS if secret in html]
