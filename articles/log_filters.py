"""Logging filters: keep share-link tokens out of the app's logs."""

import logging
import re

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
