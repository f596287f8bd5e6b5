"""Staff preview: who may open it, what it shows, and the headers that keep it private."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_max_age

from articles.models import Article
from articles.workflow import can_view as can_view_article
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db
TOGGLE = "No time to read? Get a summary"


def preview_url(article):
    return reverse("articles:preview", args=[article.pk])


@pytest.fixture
def draft():
    return make_article(
        headline="Secret budget leak",
        status=Article.Status.DRAFT,
        publish_at=None,
        summary="The budget doubles next year.",
        summary_approved=False,
    )


def test_editor_previews_a_draft_with_banner_and_state(client, draft):
    client.force_login(make_user(group="Editors"))
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Secret budget leak" in html
    assert 'class="preview-banner"' in html
    assert "Preview" in html
    assert "State: Draft." in html


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"status": Article.Status.IN_REVIEW}, "In review"),
        ({"status": Article.Status.UNPUBLISHED}, "Unpublished"),
        ({"status": Article.Status.PUBLISHED, "publish_at_delta": timedelta(days=1)}, "Scheduled"),
        ({"status": Article.Status.PUBLISHED}, "Published"),
    ],
)
def test_banner_names_the_state(client, fields, label):
    fields = dict(fields)
    delta = fields.pop("publish_at_delta", timedelta(hours=-1))
    article = make_article(publish_at=timezone.now() + delta, **fields)
    client.force_login(make_user(group="Editors"))
    html = client.get(preview_url(article)).content.decode()
    assert f"State: {label}." in html


def test_preview_headers_keep_it_out_of_caches_and_search_engines(client, draft):
    client.force_login(make_user(group="Editors"))
    response = client.get(preview_url(draft))
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert get_max_age(response) == 0
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_unapproved_summary_is_shown_marked_in_preview_but_not_to_readers(client):
    article = make_article(summary="Ferries run again from Monday.", summary_approved=False)
    client.force_login(make_user(group="Editors"))
    html = client.get(preview_url(article)).content.decode()
    assert TOGGLE in html
    assert "Ferries run again from Monday." in html
    assert "Not yet approved" in html
    client.logout()
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Ferries run again from Monday." not in public
    assert TOGGLE not in public


def test_approved_summary_in_preview_is_not_marked(client):
    article = make_article(summary="Approved words.", status=Article.Status.DRAFT)
    client.force_login(make_user(group="Editors"))
    html = client.get(preview_url(article)).content.decode()
    assert "Approved words." in html
    assert "Not yet approved" not in html


def test_no_summary_no_toggle_in_preview(client, draft):
    draft.summary.text = "   "
    draft.summary.save()
    client.force_login(make_user(group="Editors"))
    assert TOGGLE not in client.get(preview_url(draft)).content.decode()


def test_previous_and_next_are_as_if_published_now(client):
    now = timezone.now()
    older = make_article(headline="Older public story", publish_at=now - timedelta(days=2))
    newest = make_article(headline="Newest public story", publish_at=now - timedelta(hours=1))
    make_article(headline="Scheduled other story", publish_at=now + timedelta(hours=5))
    draft = make_article(
        headline="Back-dated draft", status=Article.Status.DRAFT, publish_at=now - timedelta(days=3)
    )
    client.force_login(make_user(group="Editors"))
    response = client.get(preview_url(draft))
    assert response.context["previous_article"] == newest
    assert response.context["next_article"] is None
    html = response.content.decode()
    assert "Newest public story" in html
    assert "Older public story" not in html
    assert "Scheduled other story" not in html
    # A public article's preview shows its real neighbours.
    response = client.get(preview_url(older))
    assert response.context["next_article"] == newest


def test_writer_previews_own_and_authored_articles(client):
    writer = make_user(group="Writers")
    own = make_article(status=Article.Status.DRAFT, created_by=writer)
    authored = make_article(status=Article.Status.DRAFT, authors=[make_author(user=writer)])
    client.force_login(writer)
    assert client.get(preview_url(own)).status_code == 200
    assert client.get(preview_url(authored)).status_code == 200


def test_writer_who_does_not_own_the_article_gets_404(client, draft):
    client.force_login(make_user(group="Writers"))
    response = client.get(preview_url(draft))
    assert response.status_code == 404
    assert "Secret budget leak" not in response.content.decode()


def test_superuser_previews_anything(client, draft):
    client.force_login(make_user(is_superuser=True))
    assert client.get(preview_url(draft)).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "reader", "staff-without-permissions", "inactive-editor"])
def test_others_get_404_never_403_or_login_redirect(client, draft, who):
    if who == "reader":
        client.force_login(make_user())
    elif who == "staff-without-permissions":
        user = make_user()
        user.is_staff = True
        user.save()
        client.force_login(user)
    elif who == "inactive-editor":
        user = make_user(group="Editors")
        user.is_active = False
        user.save()
        client.force_login(user)
    response = client.get(preview_url(draft))
    assert response.status_code == 404
    assert "Location" not in response
    assert "Secret budget leak" not in response.content.decode()


def test_unknown_article_is_404_for_editors_too(client):
    client.force_login(make_user(group="Editors"))
    assert client.get("/preview/999999/").status_code == 404
    assert client.get("/preview/99999999999999999999999/").status_code == 404


def test_can_view_article_rule():
    editor, writer, other = make_user(group="Editors"), make_user(group="Writers"), make_user(group="Writers")
    article = make_article(status=Article.Status.DRAFT, created_by=writer)
    assert can_view_article(editor, article)
    assert can_view_article(writer, article)
    assert not can_view_article(other, article)
    assert not can_view_article(make_user(), article)


def test_changelist_and_change_form_link_to_preview(client, draft):
    client.force_login(make_user(group="Editors"))
    changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'href="{preview_url(draft)}"' in changelist
    change = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert f'href="{preview_url(draft)}"' in change
    assert reverse("admin:articles_article_share_links", args=[draft.pk]) in change


def test_writer_change_form_has_preview_but_no_share_links(client):
    writer = make_user(group="Writers")
    article = make_article(status=Article.Status.DRAFT, created_by=writer)
    client.force_login(writer)
    change = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert f'href="{preview_url(article)}"' in change
    assert "share-links" not in change


def test_view_on_site_only_for_public_articles(client):
    from django.urls import reverse

    from articles.models import Article
    from tests.factories import make_article, make_user

    client.force_login(make_user(group="Editors"))
    public = make_article()
    draft = make_article(status=Article.Status.DRAFT, publish_at=None)
    page = client.get(reverse("admin:articles_article_change", args=[public.pk])).content.decode()
    assert f'href="{public.get_absolute_url()}" class="viewsitelink"' in page
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert "viewsitelink" not in page
    assert reverse("articles:preview", args=[draft.pk]) in page
