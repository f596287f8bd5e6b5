"""No lost edits: the later of two saves from stale forms is refused and keeps what was typed."""

import threading
import time

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test import Client
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


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_name_the_editor_who_saved_first(admin_form):
    """Two real admin saves on PostgreSQL: Bob's waits for Ann's row lock, then names her, not "someone"."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises whole transactions")
    carol = make_user("carol", group="Editors")
    ann, bob = make_user("ann", group="Editors"), make_user("bob", group="Editors")
    article = make_article(status=Article.Status.DRAFT, publish_at=None, last_edited_by=carol)
    url = reverse("admin:articles_article_change", args=[article.pk])
    clients = {"ann": Client(), "bob": Client()}
    forms = {}
    for name, user in (("ann", ann), ("bob", bob)):
        clients[name].force_login(user)
        forms[name] = admin_form(clients[name], url)
        forms[name]["headline"] = [f"{name}'s headline"]

    ann_holds_the_lock, release_ann = threading.Event(), threading.Event()

    def hold_anns_transaction(sender, instance, **kwargs):
        if threading.current_thread().name == "ann":
            ann_holds_the_lock.set()
            release_ann.wait(10)

    responses = {}

    def save(name):
        try:
            responses[name] = clients[name].post(url, forms[name])
        finally:
            connection.close()  # this thread's own connection

    post_save.connect(hold_anns_transaction, sender=Article)
    try:
        threads = {name: threading.Thread(target=save, args=[name], name=name) for name in clients}
        threads["ann"].start()
        assert ann_holds_the_lock.wait(10)
        threads["bob"].start()
        _wait_until_a_query_waits_for_a_lock()
        release_ann.set()
        for thread in threads.values():
            thread.join(15)
    finally:
        release_ann.set()
        post_save.disconnect(hold_anns_transaction, sender=Article)

    assert responses["ann"].status_code == 302
    assert responses["bob"].status_code == 200
    assert "ann saved this article at" in responses["bob"].content.decode()
    article.refresh_from_db()
    assert article.headline == "ann's headline"


def _wait_until_a_query_waits_for_a_lock(seconds=10):
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second save never waited for the first one's lock")
