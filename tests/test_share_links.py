"""Share links: created by editors in the admin, opened by anyone holding them, until they stop."""

import io
import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.core import signing
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import SHARE_LINK_SALT, Article, ShareLink
from newsroom.logging import MaskShareTokens
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
HEADLINE = "Minister quote under check"


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def draft():
    return make_article(headline=HEADLINE, status=Article.Status.DRAFT, publish_at=None)


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(group="Editors"))
    return client


def links_url(article):
    return reverse("admin:articles_article_share_links", args=[article.pk])


def create_link(client, article, **data):
    return client.post(links_url(article), {"action": "create", "hours": 48, **data}, follow=True)


def assert_private(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"


def test_editor_creates_a_link_that_shows_the_article_to_anyone(frozen, editor_client, draft):
    response = create_link(editor_client, draft)
    assert "Share link created" in response.content.decode()
    link = ShareLink.objects.get(article=draft)
    assert link.expires_at == NOW + timedelta(hours=48)
    assert link.created_by.groups.filter(name="Editors").exists()
    url = link.get_absolute_url()
    assert url in response.content.decode()  # listed for copying

    stranger = Client()
    page = stranger.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert HEADLINE in html
    assert 'class="preview-banner"' in html
    assert "State: Draft." in html
    assert_private(page)


def test_hours_are_configurable_per_link(frozen, editor_client, draft):
    create_link(editor_client, draft, hours=2, max_views=3)
    link = ShareLink.objects.get(article=draft)
    assert link.expires_at == NOW + timedelta(hours=2)
    assert link.max_views == 3


@pytest.mark.parametrize("hours", ["0", "-1", "100000", "abc", ""])
def test_bad_hours_create_nothing(editor_client, draft, hours):
    response = create_link(editor_client, draft, hours=hours)
    assert response.status_code == 200
    assert "was not created" in response.content.decode()
    assert not ShareLink.objects.exists()


def test_link_expires(frozen, draft, client):
    link = ShareLink.objects.create(article=draft)
    frozen.move_to(NOW + timedelta(hours=47, minutes=59))
    assert client.get(link.get_absolute_url()).status_code == 200
    frozen.move_to(NOW + timedelta(hours=48))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 404
    assert HEADLINE not in response.content.decode()
    assert_private(response)


def test_views_are_recorded(frozen, draft, client):
    link = ShareLink.objects.create(article=draft)
    client.get(link.get_absolute_url())
    frozen.move_to(NOW + timedelta(hours=1))
    client.get(link.get_absolute_url())
    link.refresh_from_db()
    assert link.open_count == 2
    assert link.last_opened_at == NOW + timedelta(hours=1)


def test_view_limit(draft, client):
    link = ShareLink.objects.create(article=draft, max_views=2)
    assert client.get(link.get_absolute_url()).status_code == 200
    assert client.get(link.get_absolute_url()).status_code == 200
    assert client.get(link.get_absolute_url()).status_code == 404
    link.refresh_from_db()
    assert link.open_count == 2


def test_editor_revokes_one_link(editor_client, draft):
    keep, drop = ShareLink.objects.create(article=draft), ShareLink.objects.create(article=draft)
    response = editor_client.post(links_url(draft), {"action": "revoke", "link": drop.pk}, follow=True)
    assert "Share link revoked" in response.content.decode()
    stranger = Client()
    assert stranger.get(drop.get_absolute_url()).status_code == 404
    assert stranger.get(keep.get_absolute_url()).status_code == 200
    listing = editor_client.get(links_url(draft)).content.decode()
    assert keep.get_absolute_url() in listing
    assert drop.get_absolute_url() not in listing


def test_editor_revokes_all_links(editor_client, draft):
    links = [ShareLink.objects.create(article=draft) for _ in range(3)]
    other = ShareLink.objects.create(article=make_article(status=Article.Status.DRAFT))
    response = editor_client.post(links_url(draft), {"action": "revoke-all"}, follow=True)
    assert "3 share links revoked" in response.content.decode()
    stranger = Client()
    for link in links:
        assert stranger.get(link.get_absolute_url()).status_code == 404
    assert stranger.get(other.get_absolute_url()).status_code == 200


def test_revoking_another_articles_link_does_nothing(editor_client, draft):
    other = ShareLink.objects.create(article=make_article(status=Article.Status.DRAFT))
    editor_client.post(links_url(draft), {"action": "revoke", "link": other.pk})
    other.refresh_from_db()
    assert other.revoked_at is None


@pytest.mark.parametrize("link", ["abc", "", "99999999999999999999999", "1 OR 1=1"])
def test_odd_revoke_input_is_harmless(editor_client, draft, link):
    response = editor_client.post(links_url(draft), {"action": "revoke", "link": link}, follow=True)
    assert response.status_code == 200


def test_writer_cannot_create_or_revoke_links(client, draft):
    writer = make_user(group="Writers")
    own = make_article(status=Article.Status.DRAFT, created_by=writer)
    link = ShareLink.objects.create(article=own)
    client.force_login(writer)
    assert client.get(links_url(own)).status_code == 403
    assert client.post(links_url(own), {"action": "create", "hours": 48}).status_code == 403
    assert client.post(links_url(own), {"action": "revoke-all"}).status_code == 403
    assert ShareLink.objects.filter(article=own).count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None


def test_anonymous_post_to_share_links_page_creates_nothing(client, draft):
    response = client.post(links_url(draft), {"action": "create", "hours": 48})
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not ShareLink.objects.exists()


def test_share_links_post_needs_csrf_token(draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(group="Editors"))
    assert client.post(links_url(draft), {"action": "create", "hours": 48}).status_code == 403
    assert not ShareLink.objects.exists()


def test_link_redirects_once_the_article_is_public(frozen, draft, client):
    link = ShareLink.objects.create(article=draft)
    draft.status, draft.publish_at = Article.Status.PUBLISHED, NOW + timedelta(hours=1)
    draft.save()
    assert client.get(link.get_absolute_url()).status_code == 200  # scheduled: still a preview
    frozen.move_to(NOW + timedelta(hours=1))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()


def test_revoked_link_does_not_redirect_even_when_public(draft, client):
    link = ShareLink.objects.create(article=draft, revoked_at=timezone.now())
    draft.status, draft.publish_at = Article.Status.PUBLISHED, timezone.now()
    draft.save()
    assert client.get(link.get_absolute_url()).status_code == 404


def _signed(value):
    return signing.Signer(salt=SHARE_LINK_SALT).sign_object(value)


def _tampered(token):
    value, signature = token.split(":", 1)
    return value + ":" + ("A" if signature[0] != "A" else "B") + signature[1:]


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda link: _tampered(link.token), id="altered-signature"),
        pytest.param(lambda link: signing.dumps(link.pk + 1, salt=SHARE_LINK_SALT), id="unknown-id"),
        pytest.param(lambda link: signing.dumps(link.pk, salt="another.salt"), id="wrong-salt"),
        pytest.param(lambda link: signing.dumps(str(link.pk), salt=SHARE_LINK_SALT), id="string-id"),
        pytest.param(lambda link: signing.dumps({"id": link.pk}, salt=SHARE_LINK_SALT), id="dict"),
        pytest.param(lambda link: _signed(link.pk + 1), id="unknown-id-signed"),
        pytest.param(lambda link: _signed(str(link.pk)), id="string-id-signed"),
        pytest.param(lambda link: _signed({"id": link.pk}), id="dict-signed"),
        pytest.param(lambda link: "garbage", id="garbage"),
        pytest.param(lambda link: "x" * 3000, id="very-long"),
    ],
)
def test_bad_tokens_get_a_generic_404(draft, client, make_token):
    link = ShareLink.objects.create(article=draft)
    response = client.get(reverse("articles:share", args=[make_token(link)]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert HEADLINE not in html
    assert "share" not in html.lower()
    assert_private(response)
    link.refresh_from_db()
    assert link.open_count == 0


@pytest.mark.parametrize("revoked", [False, True])
def test_token_never_reaches_the_log_output(draft, client, revoked):
    """Through the configured stdout handler, as an operator would read the logs."""
    link = ShareLink.objects.create(article=draft, revoked_at=timezone.now() if revoked else None)
    handler = logging.getHandlerByName("stdout")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        client.get(link.get_absolute_url())
    finally:
        handler.setStream(previous)
    output = stream.getvalue()
    assert "/share/[token]" in output
    assert link.token not in output


def test_mask_filter_rewrites_messages_and_path_fields():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /share/MQ:abc:def/ HTTP/1.1", "200", "9"),
        None,
    )
    record.path = "/share/MQ:abc:def/"
    assert MaskShareTokens().filter(record)
    assert record.getMessage() == '"GET /share/[token]/ HTTP/1.1" 200 9'
    assert record.path == "/share/[token]/"


@pytest.fixture
def cache_middleware(settings):
    """Django's whole-site cache, as a shared cache in front of the app would behave."""
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    caches["default"].clear()


def test_share_page_never_enters_a_shared_cache(cache_middleware, draft, client):
    link = ShareLink.objects.create(article=draft)
    assert client.get(link.get_absolute_url()).status_code == 200
    link.revoked_at = timezone.now()
    link.save()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 404
    assert HEADLINE not in response.content.decode()


def test_preview_never_enters_a_shared_cache(cache_middleware, draft, client):
    client.force_login(make_user(group="Editors"))
    assert client.get(reverse("articles:preview", args=[draft.pk])).status_code == 200
    client.logout()
    response = client.get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 404
    assert HEADLINE not in response.content.decode()
