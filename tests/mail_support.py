"""Mail in tests: a real SMTP server on the loopback interface (aiosmtpd) that keeps what it received and
refuses on demand, and a keyring in memory."""

from __future__ import annotations

import email
import socket
from email import policy

import keyring
import pytest
from aiosmtpd.controller import Controller
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


class Store:
    """Keeps every message the server accepted; `data_reply` / `rcpt_reply` make it refuse instead."""

    def __init__(self, data_reply: str = "250 OK", rcpt_reply: str = ""):
        self.received: list[bytes] = []
        self.data_reply = data_reply
        self.rcpt_reply = rcpt_reply

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply and not address.startswith("ok"):
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply.startswith("250"):
            self.received.append(envelope.content)
        return self.data_reply

    def parsed(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(raw, policy=policy.default) for raw in self.received]


@pytest.fixture
def smtp_server():
    """Start an aiosmtpd server on 127.0.0.1 and a free port (or `port=`): `smtp_server(handler, **options)`."""
    running: list[Controller] = []

    def start(handler: Store, **options) -> Controller:
        port = options.pop("port", None) or free_port()
        controller = Controller(handler, hostname=LOOPBACK, port=port, **options)
        controller.start()
        running.append(controller)
        return controller

    yield start
    for controller in running:
        controller.stop()


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in this process only (tests never touch the machine's keyring)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.kept.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring():
    """The keyring replaced by one in memory for the test; the one before is put back after."""
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)
