"""Real SMTP servers on loopback for the tests: one that delivers (aiosmtpd in a thread), one that can
be switched to refuse every message for a while, one that hangs up at once, and a port nobody
listens on. Nothing stands in for Django's SMTP backend: it talks to these over TCP.
"""

import email
import socket
import threading
import time
from email.policy import default as default_policy

from aiosmtpd.controller import Controller

from tests.e2e.stack import free_port


class Inbox:
    """aiosmtpd handler: keeps every message; while `refusing`, answers every recipient with a 451."""

    def __init__(self):
        self.messages = []
        self.refusing = False
        self.refused = 0
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refusing:
            self.refused += 1
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


class SMTPServer:
    """A working SMTP server on 127.0.0.1 and a free port; `refusing = True` makes it answer 451."""

    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def clear(self):
        """Forget the messages received so far and deliver again."""
        self.inbox.messages.clear()
        self.inbox.refusing = False

    @property
    def messages(self):
        return list(self.inbox.messages)

    @property
    def refusing(self):
        return self.inbox.refusing

    @refusing.setter
    def refusing(self, value):
        self.inbox.refusing = value

    def to(self, address):
        return [m for m in self.messages if address in m["To"]]

    def wait_for(self, address, *, count=1, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if len(found := self.to(address)) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(
            f"{count} email(s) to {address} not received within {seconds} s: {self.messages}"
        )


class HangUpServer:
    """Accepts a connection and closes it at once, before any greeting: a broken mail server."""

    def __init__(self):
        self.port = free_port()
        self.connections = 0
        self._socket = socket.socket()
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", self.port))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        self._socket.settimeout(0.2)
        while not self._stop.is_set():
            try:
                connection, _address = self._socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def start(self):
        self._socket.listen(8)
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self._socket.close()


def closed_port():
    """A loopback port nobody listens on: connecting is refused at once."""
    return free_port()


def mailer(port, *, timeout=5):
    """A MAILERS setting for Django's SMTP backend talking to 127.0.0.1:port."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }
