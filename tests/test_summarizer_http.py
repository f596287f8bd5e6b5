import contextlib
import json
import socket
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.summarizers import OpenAISummarizer, SummarizerError, clean_summary

ARTICLE = (
    "Marrowgate closed the Old Mill Bridge on Monday after inspectors found cracks. "
    "About 28,000 vehicles cross it on a weekday. Repairs may take three months."
)


def chat(content):
    """A behaviour: answer like a chat completions endpoint with this content."""
    message = {"role": "assistant", "content": content}
    return reply(200, {"choices": [{"index": 0, "message": message}]})


def reply(status, payload):
    """A behaviour: answer with this status and JSON body."""
    return raw(status, json.dumps(payload).encode())


def raw(status, body):
    """A behaviour: answer with this status and these bytes."""

    def behave(handler):
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return behave


def slow(seconds):
    """A behaviour: say nothing for longer than the client waits."""

    def behave(handler):
        time.sleep(seconds)
        with contextlib.suppress(OSError):  # the client has already hung up
            chat("Too late.")(handler)

    return behave


class _ChatHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append(
            {
                "path": self.path,
                "authorization": self.headers.get("Authorization"),
                "json": json.loads(body),
            }
        )
        behaviours = self.server.behaviours
        behave = behaviours.popleft() if behaviours else reply(500, {"error": "nothing scripted"})
        behave(self)

    def log_message(self, format, *args):
        pass  # keep the test output clean


@pytest.fixture
def chat_server(monkeypatch):
    """A local OpenAI-compatible server whose answers a test scripts in advance."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ChatHandler)
    server.daemon_threads = True
    server.requests = []
    server.behaviours = deque()
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    # A short poll interval lets shutdown() return at once instead of after half a second.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def make_summarizer(server, **options):
    options = {
        "base_url": server.base_url,
        "model": "newsroom-mini",
        "api_key": "sk-test-123",
        "timeout": 2,
        "retries": 2,
        "backoff": 0.01,
        **options,
    }
    return OpenAISummarizer(**options)


def test_summary_comes_from_the_endpoint(chat_server):
    chat_server.behaviours.append(chat("The Old Mill Bridge is closed. Repairs may take months."))

    summary = make_summarizer(chat_server).summarize(ARTICLE, language="en", max_chars=300)

    assert summary == "The Old Mill Bridge is closed. Repairs may take months."
    [request] = chat_server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["authorization"] == "Bearer sk-test-123"
    assert request["json"]["model"] == "newsroom-mini"
    system, user = request["json"]["messages"]
    assert system["role"] == "system"
    assert "in English" in system["content"]
    assert "at most 300 characters" in system["content"]
    assert user == {"role": "user", "content": ARTICLE}


def test_custom_prompt_gets_language_and_length(chat_server):
    chat_server.behaviours.append(chat("Мост закрыт."))
    summarizer = make_summarizer(chat_server, prompt="Кратко ({language}, {max_chars}):")

    summarizer.summarize("Мост закрыли на ремонт.", language="ru", max_chars=200)

    system = chat_server.requests[0]["json"]["messages"][0]["content"]
    assert system == "Кратко (Russian, 200):"


def test_no_authorization_header_without_an_api_key(chat_server):
    chat_server.behaviours.append(chat("The bridge is closed."))

    make_summarizer(chat_server, api_key="").summarize(ARTICLE, language="en")

    assert chat_server.requests[0]["authorization"] is None


def test_slow_endpoint_times_out_after_retries(chat_server):
    chat_server.behaviours.extend([slow(0.3), slow(0.3)])
    summarizer = make_summarizer(chat_server, timeout=0.05, retries=1)

    with pytest.raises(SummarizerError, match=r"did not answer within 0\.05 s \(2 attempts\)"):
        summarizer.summarize(ARTICLE, language="en")
    assert len(chat_server.requests) == 2


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_and_rate_limits_are_retried(chat_server, status):
    chat_server.behaviours.extend([reply(status, {"error": "busy"}), chat("The bridge is shut.")])

    summary = make_summarizer(chat_server).summarize(ARTICLE, language="en")

    assert summary == "The bridge is shut."
    assert len(chat_server.requests) == 2


def test_persistent_server_error_names_the_status(chat_server):
    chat_server.behaviours.extend([reply(500, {"error": {"message": "model crashed"}})] * 3)

    with pytest.raises(SummarizerError, match=r"HTTP 500: model crashed \(3 attempts\)"):
        make_summarizer(chat_server).summarize(ARTICLE, language="en")
    assert len(chat_server.requests) == 3


def test_bad_request_is_not_retried(chat_server):
    chat_server.behaviours.append(reply(400, {"error": {"message": "unknown model"}}))

    with pytest.raises(SummarizerError, match="answered HTTP 400: unknown model"):
        make_summarizer(chat_server).summarize(ARTICLE, language="en")
    assert len(chat_server.requests) == 1


def test_unauthorized_is_not_retried(chat_server):
    chat_server.behaviours.append(reply(401, {"error": {"message": "Incorrect API key"}}))

    with pytest.raises(SummarizerError, match="answered HTTP 401: Incorrect API key") as info:
        make_summarizer(chat_server).summarize(ARTICLE, language="en")
    assert "sk-test-123" not in str(info.value)
    assert len(chat_server.requests) == 1


def test_malformed_json_is_reported(chat_server):
    chat_server.behaviours.append(raw(200, b"<html>Bad gateway</html>"))

    with pytest.raises(SummarizerError, match="malformed JSON"):
        make_summarizer(chat_server).summarize(ARTICLE, language="en")


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"choices": []},
        {"choices": [{"message": {}}]},
        {"choices": [{"message": {"content": None}}]},
        {"choices": "nope"},
    ],
)
def test_missing_content_is_reported(chat_server, payload):
    chat_server.behaviours.append(reply(200, payload))

    with pytest.raises(SummarizerError, match=r"without choices\[0\]\.message\.content"):
        make_summarizer(chat_server).summarize(ARTICLE, language="en")


@pytest.mark.parametrize("content", ["", "   \n", "** **", "<p></p>", "Summary:"])
def test_empty_answer_is_reported(chat_server, content):
    chat_server.behaviours.append(chat(content))

    with pytest.raises(SummarizerError, match="empty summary"):
        make_summarizer(chat_server).summarize(ARTICLE, language="en")


def test_over_long_answer_is_trimmed_at_a_sentence_boundary(chat_server):
    chat_server.behaviours.append(
        chat("The bridge is closed. Drivers face long delays. Repairs may take three months.")
    )

    summary = make_summarizer(chat_server).summarize(ARTICLE, language="en", max_chars=60)

    assert summary == "The bridge is closed. Drivers face long delays."


def test_over_long_answer_with_no_sentence_that_fits_is_an_error(chat_server):
    chat_server.behaviours.append(chat("The bridge " + "is very " * 30 + "closed. Yes."))

    with pytest.raises(SummarizerError, match="not even its first sentence fits within 60"):
        make_summarizer(chat_server).summarize(ARTICLE, language="en", max_chars=60)


def test_html_and_markdown_are_cleaned_to_plain_text(chat_server):
    chat_server.behaviours.append(
        chat(
            "**Summary:** <p>The <b>Old Mill</b> bridge is closed &amp; repairs take "
            "*three* months.</p>\n\n- Drivers face  `delays`."
        )
    )

    summary = make_summarizer(chat_server).summarize(ARTICLE, language="en")

    expected = "The Old Mill bridge is closed & repairs take three months. Drivers face delays."
    assert summary == expected


def test_connection_refused_is_reported(chat_server):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    summarizer = OpenAISummarizer(
        base_url=f"http://127.0.0.1:{port}/v1", model="m", retries=1, backoff=0.01, timeout=1
    )

    with pytest.raises(SummarizerError, match=r"is unreachable \(.*refused.*\) \(2 attempts\)"):
        summarizer.summarize(ARTICLE, language="en")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Here is a summary of the article:\n\nThe bridge is closed.", "The bridge is closed."),
        ("Резюме: Мост закрыт на ремонт.", "Мост закрыт на ремонт."),
        ("«Мост закрыт на ремонт.»", "Мост закрыт на ремонт."),
        ("## Bridge\n1. Closed for [repairs](http://x.test).", "Bridge Closed for repairs."),
        ("A __big__ _bridge_ is 2 * 3 metres.", "A big bridge is 2 * 3 metres."),
    ],
)
def test_clean_summary(answer, expected):
    assert clean_summary(answer) == expected
