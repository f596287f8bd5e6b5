"""Autosave keeps what was typed, per tab, without touching the story or bypassing its permissions; a
restore carries the version it was based on, so the no-lost-edits check still holds."""

import json

import pytest
from django.urls import reverse

from articles.models import Article
from desk.autosave import offers
from desk.models import Autosave
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db
TAB_A, TAB_B = "tab-aaaaaaaa", "tab-bbbbbbbb"


def autosave(client, article, tab=TAB_A, **fields):
    payload = {
        "article": article.pk if article else None,
        "tab": tab,
        "version": article.version if article else None,
        "fields": fields or {"headline": "Typed, not saved"},
    }
    return client.post(reverse("admin:desk-autosave"), json.dumps(payload), content_type="application/json")


@pytest.fixture
def writer(client):
    user = make_user("wendy", group="Writers", first_name="Wendy", last_name="Ward")
    make_author(user=user, name="Wendy Ward")
    client.force_login(user)
    return user


def own(writer, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    fields.setdefault("publish_at", None)
    return make_article(created_by=writer, authors=[writer.author], **fields)


def test_typed_text_is_kept_without_changing_the_story(client, writer):
    article = own(writer, headline="Saved headline")
    response = autosave(
        client, article, headline="Typed headline", body="<p>Typed <script>x()</script>body</p>"
    )
    assert response.status_code == 200 and "when" in response.json()
    row = Autosave.objects.get()
    assert row.fields["headline"] == "Typed headline" and row.base_version == article.version
    assert "<script>" not in row.fields["body"]  # never kept as anything the server would not keep
    article.refresh_from_db()
    assert article.headline == "Saved headline" and article.revisions.count() == 0
    assert offers(writer, article)[0]["fields"]["headline"] == "Typed headline"


def test_a_published_story_is_untouched_for_readers(client):
    editor = make_user(group="Editors")
    client.force_login(editor)
    article = make_article(headline="Live headline")
    autosave(client, article, headline="Half-typed rewrite")
    assert "Live headline" in client.get(article.get_absolute_url()).content.decode()
    assert "Half-typed" not in client.get(article.get_absolute_url()).content.decode()


def test_autosave_never_bypasses_permissions(client, writer):
    in_review = own(writer, status=Article.Status.IN_REVIEW)
    theirs = make_article(status=Article.Status.DRAFT)
    refused = autosave(client, in_review)
    assert refused.status_code == 403 and "you can no longer edit this story" in refused.json()["error"]
    assert autosave(client, theirs).status_code == 404
    reader = make_user("reader")
    reader.is_staff = True
    reader.save()
    client.force_login(reader)
    assert autosave(client, None).status_code == 403  # may not write new stories
    assert not Autosave.objects.exists()


def test_autosave_is_csrf_protected_and_needs_a_login(writer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(writer)
    assert autosave(strict, own(writer)).status_code == 403
    assert autosave(Client(), own(writer)).status_code == 302  # to the login page
    assert not Autosave.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        json.dumps({"tab": "x", "fields": {}}).encode(),
        json.dumps({"tab": TAB_A}).encode(),
    ],
)
def test_malformed_autosaves_are_refused_cleanly(client, writer, body):
    response = client.post(reverse("admin:desk-autosave"), body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]


def test_too_much_text_is_refused_with_a_message(client, writer):
    response = autosave(client, own(writer), body="x" * 2_100_000)
    assert response.status_code == 413 and "save the story instead" in response.json()["error"]


def test_two_tabs_keep_two_autosaves_and_both_are_offered(client, writer):
    article = own(writer)
    autosave(client, article, TAB_A, headline="From the first tab")
    autosave(client, article, TAB_B, headline="From the second tab")
    autosave(client, article, TAB_A, headline="From the first tab, later")
    assert Autosave.objects.count() == 2
    offered = [offer["fields"]["headline"] for offer in offers(writer, article)]
    assert offered == ["From the first tab, later", "From the second tab"]


def test_a_new_story_is_autosaved_and_offered_on_the_add_form(client, writer):
    autosave(client, None, headline="A story not saved yet")
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "Restore your unsaved changes from" in page and "A story not saved yet" in page


def test_saving_forgets_the_saving_tabs_autosave_only(client, admin_form, writer):
    article = own(writer, headline="Before")
    autosave(client, article, TAB_A, headline="Typed in A")
    autosave(client, article, TAB_B, headline="Typed in B")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form(client, url) | {"headline": ["Typed in A"], "_autosave_tab": [TAB_A]}
    assert client.post(url, data).status_code == 302
    assert list(Autosave.objects.values_list("tab", flat=True)) == [TAB_B]


def test_nothing_is_offered_when_the_autosave_matches_the_saved_story(client, writer):
    article = own(writer, headline="Same", body="<p>Same body</p>")
    autosave(client, article, headline="Same", body="<p>Same body</p>")
    assert offers(writer, article) == []


def test_a_restored_autosave_is_refused_after_someone_else_saved_naming_them(client, admin_form, writer):
    article = own(writer, headline="Original")
    autosave(client, article, headline="My unsaved rewrite")
    editor = make_user("eddie", group="Editors", first_name="Eddie", last_name="Eld")
    article.headline, article.last_edited_by = "The editor's version", editor
    article.save()
    offer = offers(writer, article)[0]
    assert "Eddie Eld saved this story at" in offer["newer"]
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form(client, url) | {
        "headline": [offer["fields"]["headline"]],
        "edit_version": [str(offer["base_version"])],  # what Restore puts back
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "Eddie Eld saved this article at" in page
    assert "My unsaved rewrite" in page  # still in the form
    article.refresh_from_db()
    assert article.headline == "The editor's version"


def test_old_autosaves_are_trimmed_and_can_be_discarded(client, writer):
    article = own(writer)
    for n in range(7):
        autosave(client, article, f"tab-{n:08d}", headline=f"Version {n}")
    assert Autosave.objects.count() == 5
    row = Autosave.objects.order_by("saved_at").first()
    other = make_user(group="Writers")
    client.force_login(other)
    discard = reverse("admin:desk-autosave-discard")
    client.post(discard, json.dumps({"id": row.pk}), content_type="application/json")
    assert Autosave.objects.filter(pk=row.pk).exists()  # not theirs to throw away
    client.force_login(writer)
    assert client.post(discard, json.dumps({"id": row.pk}), content_type="application/json").json() == {
        "deleted": True
    }
    assert client.post(discard, b"junk", content_type="application/json").status_code == 400
