"""Logging: JSON lines for stdout, one object per record, and a filter that keeps secrets out."""

import json
import logging
import re
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else came in through `extra=` and is logged as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key != "request":
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


SHARE_PATH = re.compile(r"/share/[^/\s?\"']+")
MASK = "/share/[token]"


class MaskShareTokens(logging.Filter):
    """Replace the token in any `/share/<token>/` path of a record's message; never drops a record."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        masked = SHARE_PATH.sub(MASK, message)
        if masked != message:
            record.msg, record.args = masked, ()
        # Structured request lines carry the path as a field of its own (newsroom/middleware.py).
        if isinstance(getattr(record, "path", None), str):
            record.path = SHARE_PATH.sub(MASK, record.path)
        return True


class ExpectedFailures(logging.Filter):
    """Log what is expected in production as one WARNING line without a traceback (issue 11).

    - a request for a host not in ALLOWED_HOSTS: the client's mistake (django.security.DisallowedHost);
    - a database that cannot be reached or did not answer in time, and any 503 (the health check
      saying so too): the 503 page is the answer; one line per request says so, a traceback per
      request would drown the incident.
    Everything else passes unchanged.
    """

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        # DatabaseUnavailableMiddleware answered the 503 and left the error on the request.
        error = error or getattr(getattr(record, "request", None), "database_error", None)
        unavailable = record.name == "django.request" and getattr(record, "status_code", None) == 503
        if record.name == "django.security.DisallowedHost" or unavailable or _is_outage(error):
            message, detail = record.getMessage(), " ".join(str(error).split())[:300]
            if error is not None and detail not in message:
                record.msg, record.args = f"{message} ({error.__class__.__name__}: {detail})", ()
            record.exc_info = record.exc_text = None
            if record.levelno > logging.WARNING:
                record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def _is_outage(error):
    from django.db import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)
