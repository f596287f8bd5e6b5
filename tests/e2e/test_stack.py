"""The stack itself: nginx in front, gunicorn behind it, the worker running background tasks."""

from django.urls import reverse

from articles.models import Summary, SummarySuggestion
from tests.factories import PASSWORD, make_article, make_user


def test_readers_are_served_through_nginx_with_hashed_static_files(stack):
    article = make_article(headline="Harbour reopens after the storm")
    front = stack.get("/")
    assert front.status == 200
    assert front.headers["Server"] == "nginx"
    assert article.headline in front.text
    stylesheet = next(
        part.split('"')[0] for part in front.text.split('href="') if part.startswith("/static/css/")
    )
    assert stylesheet != "/static/css/site.css", "static files carry hashed names in production"
    css = stack.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert css.status == 200 and "immutable" in css.headers["Cache-Control"]


def test_the_worker_runs_a_suggestion_queued_by_the_editors_click(stack):
    editor = make_user(group="Editors")
    article = make_article(body="<p>" + "The council met and voted on the harbour plan. " * 12 + "</p>")
    session = stack.session().login(editor.username, PASSWORD)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    data = session.form(change_url, "article_form") | {"_suggest_summary": ["1"]}
    response = session.post(change_url, data)
    assert response.status == 302, response.text[:2000]

    def finished():
        suggestion = SummarySuggestion.objects.filter(article=article).first()
        return suggestion if suggestion and suggestion.status != SummarySuggestion.Status.PENDING else None

    suggestion = stack.wait_for(finished, message="the worker finishing the suggestion")
    assert suggestion.status == SummarySuggestion.Status.USED
    assert Summary.objects.get(article=article).text == suggestion.text
