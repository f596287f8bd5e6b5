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
        return True
