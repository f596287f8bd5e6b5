"""The page cache through the real stack (issue 13): gunicorn's workers share it in Redis.

A writer saving drafts in the admin empties nothing readers get; an editor's publish reaches the
front page and the neighbours' Previous/Next on the next request; an unpublish leaves no reader
the old page once the editor's click has returned.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import PASSWORD, make_article, make_author, make_section, make_tag, make_user


def _hit(stack, path):
    return stack.get(path).headers.get("X-Page-Cache") == "hit"


def _warm(stack, paths):
    for path in paths:
        stack.wait_for(lambda path=path: _hit(stack, path), seconds=10, message=f"{path} cached")


def _change(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_a_writer_saving_drafts_empties_no_cached_page(stack):
    writer = make_user(group="Writers")
    byline = make_author(name="Wendy Writer", user=writer)
    sections = [make_section(name="City"), make_section(name="Business")]
    tag = make_tag(name="Port")
    now = timezone.now()
    stories = [
        make_article(
            headline=f"Story {n}",
            section=sections[n % 2],
            tags=[tag],
            publish_at=now - timedelta(hours=n + 1),
        )
        for n in range(6)
    ]
    draft = make_article(
        headline="Draft",
        status=Article.Status.DRAFT,
        section=sections[0],
        authors=[byline],
        created_by=writer,
    )
    paths = ["/", "/archive/", "/feeds/rss/", "/sitemap.xml", "/search/?q=story", tag.get_absolute_url()]
    paths += [section.get_absolute_url() for section in sections] + [s.get_absolute_url() for s in stories]
    _warm(stack, paths)

    session = stack.session().login(writer.username, PASSWORD)
    for n in range(5):
        data = session.form(_change(draft), "article_form") | {"headline": [f"Draft, take {n}"]}
        response = session.post(_change(draft), data)
        assert response.status == 302, response.text[:1000]
    data = session.form(_change(draft), "article_form") | {"_submit_for_review": ["1"]}
    assert session.post(_change(draft), data).status == 302
    assert Article.objects.get(pk=draft.pk).status == Article.Status.IN_REVIEW

    still = [path for path in paths if _hit(stack, path)]
    assert still == paths  # before issue 13: none of them


def test_publish_and_unpublish_reach_readers_when_the_click_returns(stack):
    editor = make_user(group="Editors")
    earlier = make_article(headline="Earlier story", publish_at=timezone.now() - timedelta(hours=1))
    draft = make_article(headline="Breaking story", status=Article.Status.DRAFT, publish_at=None)
    _warm(stack, ["/", earlier.get_absolute_url()])
    session = stack.session().login(editor.username, PASSWORD)

    data = session.form(_change(draft), "article_form") | {"_publish": ["now"]}
    assert session.post(_change(draft), data).status == 302
    assert "Breaking story" in stack.get("/").text
    assert "Breaking story" in stack.get(earlier.get_absolute_url()).text.split("Next Article")[1]
    _warm(stack, ["/", earlier.get_absolute_url(), draft.get_absolute_url()])

    data = session.form(_change(draft), "article_form") | {"_unpublish": ["1"]}
    assert session.post(_change(draft), data).status == 302
    for _ in range(6):  # both workers, several times: nobody gets the old page
        assert stack.get(draft.get_absolute_url()).status == 404
        assert "Breaking story" not in stack.get("/").text
        assert "Breaking story" not in stack.get(earlier.get_absolute_url()).text
