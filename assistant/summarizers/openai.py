"""An OpenAI-compatible chat completions endpoint of the newsroom's choosing, asked over HTTP."""

# Russian copy is half of what this file handles, so Cyrillic letters are not confusables.
# ruff: noqa: RUF001

import http.client
import json
import re
import time
import urllib.error
import urllib.request

from articles.html import html_to_text
from assistant.summarizers.base import DEFAULT_MAX_CHARS, SummarizerError
from assistant.summarizers.text import fit_sentences

DEFAULT_TIMEOUT = 20.0
DEFAULT_RETRIES = 2
DEFAULT_PROMPT = (
    "You are an editor at a news site. Summarize the article the user sends in {language}, "
    "in 2-3 sentences of plain text and at most {max_chars} characters in total. "
    "Use only facts stated in the article and add nothing that is not in it. "
    "Reply with the summary alone: no title, no introduction, no Markdown and no HTML."
)
LANGUAGE_NAMES = {"en": "English", "ru": "Russian"}


# Cleaning model output ---------------------------------------------------------------------------

_HTML_RE = re.compile(r"</?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_MARKDOWN = [
    (re.compile(r"```[\w-]*"), ""),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1", re.S), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", re.S), r"\1"),
    (re.compile(r"~~(.+?)~~", re.S), r"\1"),
    # Headings, block quotes and list markers at the start of a line.
    (re.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+•][ \t]+|\d{1,2}[.)][ \t]+)"), ""),
]
_LABEL_RE = re.compile(
    r"^(?:here(?:'s|’s| is)\b[^:\n]{0,80}:"
    r"|(?:summary|tl;?dr|резюме|краткое содержание|кратко|аннотация)[ \t]*[:：—–-])\s*",
    re.IGNORECASE,
)
_QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”", "'": "'"}


def clean_summary(text):
    """Reduce a model's answer to plain text: no HTML, Markdown, label or wrapping quotes."""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    if _HTML_RE.search(text):
        text = html_to_text(text)
    text = " ".join(text.split())
    for _ in range(2):
        text = _LABEL_RE.sub("", text, count=1)
    if len(text) > 1 and _QUOTE_PAIRS.get(text[0]) == text[-1]:
        inner = text[1:-1]
        if text[0] not in inner and text[-1] not in inner:
            text = inner.strip()
    return text


# OpenAI-compatible backend -----------------------------------------------------------------------


class OpenAISummarizer:
    """Ask an OpenAI-compatible chat completions endpoint for a summary."""

    def __init__(
        self,
        *,
        base_url,
        model,
        api_key="",
        timeout=DEFAULT_TIMEOUT,
        retries=DEFAULT_RETRIES,
        prompt=DEFAULT_PROMPT,
        max_chars=DEFAULT_MAX_CHARS,
        backoff=0.5,
    ):
        if not base_url:
            raise SummarizerError("The OpenAI summarizer needs a base URL (SUMMARIZER_BASE_URL).")
        if not model:
            raise SummarizerError("The OpenAI summarizer needs a model name (SUMMARIZER_MODEL).")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.retries = max(0, retries)
        self.prompt = prompt or DEFAULT_PROMPT
        self.max_chars = max_chars
        self.backoff = backoff
        self.name = f"openai:{model}"

    @property
    def worst_case_seconds(self):
        """The longest a summary can take: every attempt timing out, plus the pauses between them.

        The task's time budget is built on top of it (assistant/tasks.py), so the nesting holds:
        HTTP timeout x (retries + 1) + backoff < the task's budget < when a suggestion counts as
        abandoned (issue 11).
        """
        pauses = sum(self.backoff * 2**attempt for attempt in range(self.retries))
        return self.timeout * (self.retries + 1) + pauses

    def summarize(self, text, *, language, max_chars=None):
        """Return the model's summary as plain text within max_chars, or raise SummarizerError."""
        limit = self.max_chars if max_chars is None else max_chars
        if limit < 1:
            raise ValueError("max_chars must be positive.")
        text = text.strip()
        if not text:
            return ""
        data = self._post(self._payload(text, language, limit))
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            content = None
        if not isinstance(content, str):
            raise SummarizerError(
                f"The summarizer at {self.url} answered without choices[0].message.content."
            )
        summary = clean_summary(content)
        if not summary:
            raise SummarizerError(f"The summarizer at {self.url} returned an empty summary.")
        fitted = fit_sentences(summary, language, limit)
        if not fitted:
            raise SummarizerError(
                f"The summarizer's answer is {len(summary)} characters long and not even its "
                f"first sentence fits within {limit}."
            )
        return fitted

    def _payload(self, text, language, limit):
        """The chat request: the prompt as the system message, the article as the user's."""
        prompt = self.prompt.replace("{language}", LANGUAGE_NAMES.get(language, language)).replace(
            "{max_chars}", str(limit)
        )
        return {
            "model": self.model,
            "messages": [
                {"role": "system", "content": prompt},
                {"role": "user", "content": text},
            ],
        }

    def _post(self, payload):
        """POST with retries and exponential backoff on network errors, timeouts, 429 and 5xx."""
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        attempts = self.retries + 1
        for attempt in range(attempts):
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    raw = response.read()
                break
            except urllib.error.HTTPError as error:
                problem = f"answered HTTP {error.code}{_error_detail(error)}"
                if error.code != 429 and error.code < 500:
                    raise SummarizerError(f"The summarizer at {self.url} {problem}.") from error
            except TimeoutError:
                problem = f"did not answer within {self.timeout:g} s"
            except urllib.error.URLError as error:
                if isinstance(error.reason, TimeoutError):
                    problem = f"did not answer within {self.timeout:g} s"
                else:
                    problem = f"is unreachable ({error.reason})"
            except (http.client.HTTPException, OSError) as error:
                problem = f"dropped the connection ({error.__class__.__name__}: {error})"
            if attempt + 1 < attempts:
                time.sleep(self.backoff * 2**attempt)
        else:
            tries = "attempt" if attempts == 1 else "attempts"
            raise SummarizerError(f"The summarizer at {self.url} {problem} ({attempts} {tries}).")
        try:
            return json.loads(raw)
        except ValueError as error:
            snippet = raw[:200].decode("utf-8", "replace")
            raise SummarizerError(
                f"The summarizer at {self.url} returned malformed JSON: {snippet!r}"
            ) from error


def _error_detail(error):
    """The service's own error message, if its body carries one, to make a status explain itself."""
    try:
        raw = error.read(2000)
    except OSError:
        return ""
    try:
        message = json.loads(raw)["error"]
        message = message.get("message", message) if isinstance(message, dict) else message
    except (ValueError, KeyError, TypeError):
        message = raw.decode("utf-8", "replace")
    message = " ".join(str(message).split())[:200]
    return f": {message}" if message else ""
