"""Error pages and what they log: a branded 500, the 503 for an outage, a favicon (issue 11)."""

import io
import json
import logging

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def broken(request):
    raise ValueError("a bug")


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


class DatabaseGoneInMiddleware:
    """Stands in for a session save or a lazy user lookup that meets a dead database outside a view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/middleware-outage/":
            raise OperationalError("server closed the connection unexpectedly")
        return self.get_response(request)


urlpatterns = [
    path("broken/", broken),
    path("outage/", database_gone),
    path("middleware-outage/", lambda request: HttpResponse("unreachable")),
]
handler500 = "newsroom.errors.server_error"


@pytest.fixture
def stdout_log():
    handler = next(h for h in logging.getLogger().handlers if h.name == "stdout")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    handler.setStream(previous)


@pytest.fixture
def production_client(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.DatabaseGoneInMiddleware"]
    return Client(raise_request_exception=False)


def test_a_bug_gets_the_branded_500_page_and_a_logged_traceback(production_client, stdout_log):
    response = production_client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and "Newsroom" in html
    assert "/static/css/site.css" in html
    assert "style=" not in html and "<script" not in html  # the strict CSP holds
    assert response["Cache-Control"] == "no-store"
    (error,) = [e for e in stdout_log() if e["logger"] == "django.request"]
    assert error["level"] == "ERROR" and "ValueError: a bug" in error["exception"]


@pytest.mark.parametrize("url", ["/outage/", "/middleware-outage/"])
def test_an_outage_is_a_503_with_one_warning_line_and_no_traceback(production_client, stdout_log, url):
    response = production_client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()
    problems = [e for e in stdout_log() if e["level"] != "INFO"]
    assert len(problems) == 1, problems
    assert problems[0]["level"] == "WARNING" and "exception" not in problems[0]
    assert "Connection refused" in problems[0]["message"] or "closed the connection" in problems[0]["message"]


def test_an_unknown_host_is_a_400_logged_as_a_warning_without_traceback(client, stdout_log):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    (entry,) = [e for e in stdout_log() if e["logger"] == "django.security.DisallowedHost"]
    assert entry["level"] == "WARNING"
    assert "exception" not in entry and "attacker.example" in entry["message"]


def test_the_favicon_is_served_from_the_site_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
