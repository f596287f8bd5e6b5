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
