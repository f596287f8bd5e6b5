"""Edit presence: who is editing a story now, taking over, and saves during a take-over."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from desk.models import EditLock
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db
TAB_A, TAB_B = "tab-aaaaaaaa", "tab-bbbbbbbb"


def beat(client, article, tab, **extra):
    response = client.post(
        reverse("admin:desk-presence", args=[article.pk]),
        json.dumps({"tab": tab, **extra}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def anna():
    return make_user("anna", group="Editors", first_name="Anna", last_name="Petrova")


@pytest.fixture
def boris():
    return make_user("boris", group="Editors", first_name="Boris", last_name="Orlov")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_the_first_to_open_holds_the_story_and_others_see_who(anna, boris):
    article = make_article(status=Article.Status.DRAFT)
    assert beat(logged_in(anna), article, TAB_A, claim=True)["state"] == "editing"
    seen = beat(logged_in(boris), article, TAB_B, claim=True)
    assert seen["state"] == "watching" and seen["message"] == "Anna Petrova is editing this story now."
    page = logged_in(boris).get(change_url(article)).content.decode()
    assert "Anna Petrova is editing this story now." in page and "Take over" in page
    listing = logged_in(boris).get(reverse("admin:articles_article_changelist")).content.decode()
    assert "✎ Anna Petrova" in listing
    desk = logged_in(boris).get(reverse("admin:index")).content.decode()
    assert desk.count("Anna Petrova is editing this story now") <= 1


def test_taking_over_tells_the_first_and_refuses_their_save_keeping_their_text(admin_form, anna, boris):
    article = make_article(status=Article.Status.DRAFT, headline="Original")
    first, second = logged_in(anna), logged_in(boris)
    beat(first, article, TAB_A, claim=True)
    form = admin_form(first, change_url(article))
    assert beat(second, article, TAB_B, take_over=True)["state"] == "editing"
    told = beat(first, article, TAB_A)
    assert told["state"] == "taken" and told["message"].startswith("Boris Orlov took over this story at")
    # A save during the take-over: refused, nothing saved, nothing lost.
    response = first.post(change_url(article), form | {"headline": ["Anna's rewrite"]})
    page = response.content.decode()
    assert response.status_code == 200 and "Boris Orlov took over this story at" in page
    assert "Anna&#x27;s rewrite" in page or "Anna's rewrite" in page
    article.refresh_from_db()
    assert article.headline == "Original"
    # Taking it back lets her save.
    assert beat(first, article, TAB_A, take_over=True)["state"] == "editing"
    assert first.post(change_url(article), form | {"headline": ["Anna's rewrite"]}).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Anna's rewrite"


def test_the_version_check_still_holds_under_the_lock(admin_form, anna, boris):
    article = make_article(status=Article.Status.DRAFT, headline="Original")
    first, second = logged_in(anna), logged_in(boris)
    stale = admin_form(first, change_url(article))
    beat(second, article, TAB_B, claim=True)
    assert second.post(change_url(article), admin_form(second, change_url(article))).status_code == 302
    beat(first, article, TAB_A, take_over=True)
    response = first.post(change_url(article), stale | {"headline": ["Over theirs"]})
    assert "Boris Orlov saved this article at" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Original"


def test_the_same_person_in_two_tabs_is_not_locked_out(admin_form, anna):
    article = make_article(status=Article.Status.DRAFT)
    client = logged_in(anna)
    beat(client, article, TAB_A, claim=True)
    other_tab = beat(client, article, TAB_B, claim=True)
    assert other_tab["state"] == "watching" and other_tab["same_user"]
    assert "in another tab" in other_tab["message"]
    assert client.post(change_url(article), admin_form(client, change_url(article))).status_code == 302


def test_a_reloaded_tab_keeps_its_own_lock(anna, boris):
    article = make_article(status=Article.Status.DRAFT)
    client = logged_in(anna)
    beat(client, article, TAB_A, claim=True)
    assert beat(client, article, TAB_B, claim=True, previous_tab=TAB_A)["state"] == "editing"
    assert EditLock.objects.get().tab == TAB_B


def test_a_silent_lock_expires(admin_form, anna, boris, time_machine):
    time_machine.move_to(timezone.now())
    article = make_article(status=Article.Status.DRAFT)
    beat(logged_in(anna), article, TAB_A, claim=True)
    time_machine.shift(timedelta(minutes=2))
    second = logged_in(boris)
    assert beat(second, article, TAB_B)["state"] == "free"
    assert beat(second, article, TAB_B, claim=True)["state"] == "editing"


def test_leaving_frees_the_story(anna, boris):
    article = make_article(status=Article.Status.DRAFT)
    client = logged_in(anna)
    beat(client, article, TAB_A, claim=True)
    response = client.post(reverse("admin:desk-presence", args=[article.pk]), {"tab": TAB_A, "release": "1"})
    assert response.status_code == 204
    assert beat(logged_in(boris), article, TAB_B, claim=True)["state"] == "editing"


def test_taking_over_without_javascript(admin_form, anna, boris):
    article = make_article(status=Article.Status.DRAFT)
    beat(logged_in(anna), article, TAB_A, claim=True)
    second = logged_in(boris)
    response = second.post(reverse("admin:desk-presence", args=[article.pk]), {"take_over": "1"}, follow=True)
    assert "You have taken over this story" in response.content.decode()
    assert second.post(change_url(article), admin_form(second, change_url(article))).status_code == 302


def test_presence_is_permission_checked_and_csrf_protected(anna):
    writer = make_user(group="Writers")
    theirs = make_article(status=Article.Status.DRAFT)
    own_in_review = make_article(status=Article.Status.IN_REVIEW, authors=[make_author(user=writer)])
    client = logged_in(writer)
    url = reverse("admin:desk-presence", args=[theirs.pk])
    assert client.post(url, "{}", content_type="application/json").status_code == 404
    assert beat(client, own_in_review, TAB_A, claim=True)["state"] == "readonly"
    assert not EditLock.objects.exists()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(anna)
    assert strict.post(url, "{}", content_type="application/json").status_code == 403
    assert client.post(url, b"[]", content_type="application/json").status_code in {400, 404}
    assert logged_in(anna).get(url).status_code == 405
