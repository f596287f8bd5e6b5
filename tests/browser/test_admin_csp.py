"""The admin works under the strict Content-Security-Policy: no violations, the editor loads."""

import pytest

from tests.factories import PASSWORD, make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_article_change_page_has_no_csp_violations(live_server, page):
    make_user("chief", is_superuser=True)
    article = make_article(headline="Rates held")
    messages = []
    page.on("console", lambda message: messages.append(message.text + " @ " + str(message.location)))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_load_state("networkidle")

    assert page.locator("#id_headline").input_value() == "Rates held"
    # The rich-text editor is built by JavaScript: it only appears if its scripts ran.
    assert page.locator(".ProseMirror").count() >= 1
    violations = [text for text in messages if "Content Security Policy" in text or "Refused to" in text]
    assert violations == []
