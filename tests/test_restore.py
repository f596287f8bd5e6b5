"""Restoring a revision after the world moved on: no 500, a clear account, update or fix (issue 11).

Restore locks the article's row, so these tests commit (transaction=True), as production does.
Before the fix each of the four situations below was a 500 (IntegrityError or DoesNotExist).
"""

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError
from django.urls import reverse

from articles import workflow
from articles.models import Article
from tests.factories import make_article, make_author, make_section, make_tag, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(client):
    user = make_user("desk", group="Editors")
    client.force_login(user)
    return user


def restore_url(article, number):
    return reverse("admin:articles_article_restore", args=[article.pk, number])


@pytest.fixture
def moved_on(editor):
    """An article whose first revision's slug, section, an author and a tag are gone or taken since."""
    old_section, old_tag = make_section(name="Harbour"), make_tag()
    old_author, kept_author = make_author(), make_author()
    article = make_article(
        status=Article.Status.DRAFT,
        publish_at=None,
        headline="The harbour plan",
        slug="harbour-plan",
        section=old_section,
        authors=[old_author, kept_author],
        tags=[old_tag],
    )
    workflow.save_revision(article, by=editor)
    article.headline, article.slug, article.section = "The port plan", "port-plan", make_section(name="City")
    article.save()
    article.authors.set([make_author()])
    article.tags.set([make_tag(name="Port")])
    workflow.save_revision(article, by=editor)
    make_article(slug="harbour-plan", headline="Another story about the harbour")
    old_section.delete()
    old_author_name = old_author.name
    old_author.delete()
    old_tag.delete()
    return article, kept_author, old_author_name


def test_the_confirmation_says_what_comes_back_and_what_cannot(client, moved_on):
    article, _kept_author, old_author_name = moved_on
    response = client.get(restore_url(article, 1))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Headline" in page and "Authors" in page
    assert "now belongs to “Another story about the harbour”" in page
    assert "The section “Harbour” has been deleted" in page
    assert old_author_name in page and "Deleted since this revision" in page
    article.refresh_from_db()
    assert article.headline == "The port plan"  # looking changes nothing


def test_restore_brings_back_what_it_can_and_keeps_the_rest(client, moved_on):
    article, kept_author, _old_author_name = moved_on
    response = client.post(restore_url(article, 1))
    assert response.status_code == 302
    messages = [m.message for m in get_messages(response.wsgi_request)]
    assert messages[0] == "Revision 1 restored as revision 3."
    assert any("now belongs to" in m for m in messages[1:])
    article.refresh_from_db()
    assert article.headline == "The harbour plan"
    assert article.slug == "port-plan"
    assert article.section.name == "City"
    assert list(article.authors.all()) == [kept_author]
    assert not article.tags.exists()
    assert article.revisions.first().note == "Restored from revision 1"


def test_when_every_author_is_gone_the_current_ones_stay(client, editor):
    gone = make_author()
    article = make_article(status=Article.Status.DRAFT, publish_at=None, authors=[gone], headline="Old")
    workflow.save_revision(article, by=editor)
    current = make_author()
    article.authors.set([current])
    article.headline = "New"
    article.save()
    workflow.save_revision(article, by=editor)
    gone.delete()
    response = client.post(restore_url(article, 1))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Old"
    assert list(article.authors.all()) == [current]


def test_restoring_a_published_story_asks_update_or_fix(client, editor):
    article = make_article(headline="Council approves budget", body="<p>The vote was 30 to 10.</p>")
    workflow.save_revision(article, by=editor)
    article.body = "<p>The vote was 31 to 9.</p>"
    article.save()
    workflow.save_revision(article, by=editor)

    assert "Readers have seen this article" in client.get(restore_url(article, 1)).content.decode()
    response = client.post(restore_url(article, 1))
    assert response.status_code == 200
    assert "say whether this restore is an update or a fix" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "<p>The vote was 31 to 9.</p>"

    assert client.post(restore_url(article, 1), {"change_kind": "fix"}).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>The vote was 30 to 10.</p>" and article.content_updated_at is None

    assert client.post(restore_url(article, 2), {"change_kind": "update"}).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>The vote was 31 to 9.</p>"
    assert article.content_updated_at is not None
    assert article.revisions.first().is_substantive


def test_a_restore_that_changes_no_text_asks_nothing(client, editor):
    article = make_article(tags=[make_tag(name="Budget")])
    workflow.save_revision(article, by=editor)
    article.tags.set([make_tag(name="Council")])
    workflow.save_revision(article, by=editor)
    assert "Readers have seen this article" not in client.get(restore_url(article, 1)).content.decode()
    assert client.post(restore_url(article, 1)).status_code == 302
    assert [t.name for t in article.tags.all()] == ["Budget"]


def test_a_writer_can_neither_look_at_nor_carry_out_a_restore(client):
    writer = make_user(group="Writers")
    article = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=writer, headline="One")
    workflow.save_revision(article, by=writer)
    article.headline = "Two"
    article.save()
    workflow.save_revision(article, by=writer)
    client.force_login(writer)
    assert client.get(restore_url(article, 1)).status_code == 302
    assert client.post(restore_url(article, 1)).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Two"


def test_nothing_is_left_half_restored_when_the_check_is_overtaken(editor, monkeypatch):
    """A slug taken between the check and the save: the whole restore rolls back."""
    from articles.workflow import restore

    article = make_article(status=Article.Status.DRAFT, publish_at=None, slug="first-slug", headline="First")
    workflow.save_revision(article, by=editor)
    article.slug, article.headline = "second-slug", "Second"
    article.save()
    workflow.save_revision(article, by=editor)
    real_plan = restore.restore_plan

    def overtaken(revision, article=None):
        plan = real_plan(revision, article)
        make_article(slug="first-slug")  # another editor takes the slug meanwhile
        return plan

    monkeypatch.setattr(restore, "restore_plan", overtaken)
    with pytest.raises(IntegrityError):
        workflow.restore_revision(article.revisions.get(number=1), by=editor)
    article.refresh_from_db()
    assert (article.slug, article.headline, article.revisions.count()) == ("second-slug", "Second", 2)
