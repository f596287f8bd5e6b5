"""No lost edits: the later of two saves from stale forms is refused and keeps what was typed."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def test_second_stale_save_is_refused_and_keeps_the_input(client, admin_form):
    first_editor = make_user("ann", group="Editors")
    second_editor = make_user("bob", group="Editors")
    article = make_article(status=Article.Status.DRAFT, publish_at=None, headline="Original")
    workflow.save_revision(article, by=first_editor)
    url = reverse("admin:articles_article_change", args=[article.pk])

    client.force_login(first_editor)
    ann_form = admin_form(client, url)
    client.force_login(second_editor)
    bob_form = admin_form(client, url)

    client.force_login(first_editor)
    ann_form["headline"] = ["Ann's headline"]
    assert client.post(url, ann_form).status_code == 302

    client.force_login(second_editor)
    bob_form["headline"] = ["Bob's headline"]
    bob_form["standfirst"] = ["Bob typed this standfirst carefully."]
    response = client.post(url, bob_form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ann saved this article at" in page
    assert "Bob&#x27;s headline" in page
    assert "Bob typed this standfirst carefully." in page

    article.refresh_from_db()
    assert article.headline == "Ann's headline"
    assert article.standfirst != "Bob typed this standfirst carefully."
    assert article.revisions.count() == 2


def test_form_without_a_version_is_refused(client, admin_form):
    editor = make_user(group="Editors")
    article = make_article(status=Article.Status.DRAFT, publish_at=None, headline="Original")
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(editor)
    data = admin_form(client, url)
    data.pop("edit_version")
    data["headline"] = ["Blind overwrite"]
    assert client.post(url, data).status_code == 200
    article.refresh_from_db()
    assert article.headline == "Original"


def test_workflow_action_between_loads_also_counts_as_a_save(client, admin_form):
    editor = make_user(group="Editors")
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(editor)
    stale = admin_form(client, url)
    workflow.publish(article, by=make_user(group="Editors"))
    stale["headline"] = ["Edited after it was published elsewhere"]
    assert client.post(url, stale).status_code == 200
    article.refresh_from_db()
    assert article.headline != "Edited after it was published elsewhere"
