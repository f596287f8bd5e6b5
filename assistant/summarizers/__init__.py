"""Summarizers: the built-in extractive one and an OpenAI-compatible endpoint; settings choose."""

from django.conf import settings

from assistant.summarizers.base import DEFAULT_MAX_CHARS, SummarizerError
from assistant.summarizers.extractive import ExtractiveSummarizer
from assistant.summarizers.openai import (
    DEFAULT_PROMPT,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    OpenAISummarizer,
    clean_summary,
)

__all__ = [
    "DEFAULT_MAX_CHARS",
    "ExtractiveSummarizer",
    "OpenAISummarizer",
    "SummarizerError",
    "clean_summary",
    "get_summarizer",
]


def get_summarizer():
    """Build the backend that settings.SUMMARIZER names; the extractive one by default."""
    config = getattr(settings, "SUMMARIZER", None) or {}
    max_chars = int(getattr(settings, "SUMMARY_MAX_LENGTH", None) or DEFAULT_MAX_CHARS)
    backend = str(config.get("BACKEND") or "extractive").strip().lower()
    if backend == "extractive":
        return ExtractiveSummarizer(max_chars=max_chars)
    if backend == "openai":
        retries = config.get("RETRIES")
        return OpenAISummarizer(
            base_url=config.get("BASE_URL") or "",
            model=config.get("MODEL") or "",
            api_key=config.get("API_KEY") or "",
            timeout=float(config.get("TIMEOUT") or DEFAULT_TIMEOUT),
            retries=DEFAULT_RETRIES if retries in (None, "") else int(retries),
            prompt=config.get("PROMPT") or DEFAULT_PROMPT,
            max_chars=max_chars,
        )
    raise SummarizerError(f"Unknown summarizer backend {backend!r}: use 'extractive' or 'openai'.")
