"""What every summarizer shares: its error type and default limits."""

DEFAULT_MAX_CHARS = 600


class SummarizerError(Exception):
    """A summary could not be produced; the message tells an editor why."""
