"""Password guessing: limits per pair, per account and per address, and a lock-out page (issue 11).

Before: guessing was limited per (username, address) only, so 100 guesses spread over 25 accounts
from one address, or 80 guesses at one account from 20 addresses, were never slowed down.
"""

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def login(client, username, password, address):
    client.cookies.clear()
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def addresses(n, start=1):
    return [f"198.51.100.{i}" for i in range(start, start + n)]


def test_the_lock_out_page_says_when_to_try_again(client, settings):
    make_user("desk", group="Editors")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "desk", "guess", "203.0.113.9")
    response = login(client, "desk", PASSWORD, "203.0.113.9")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = response.content.decode()
    assert "try again at 12:15 MSK, in 15" in page  # newsroom time (Europe/Moscow)
    assert "_auth_user_id" not in client.session


def test_guesses_at_one_account_from_many_addresses_are_slowed_down(client, time_machine, settings):
    make_user("desk", group="Editors")
    free = settings.LOGIN_ACCOUNT_FREE_FAILURES
    for address in addresses(free):
        assert login(client, "desk", "guess", address).status_code == 200
    # The next guess, from yet another address, must wait: 1 s, then 2 s, 4 s ... after each failure.
    refused = login(client, "desk", "guess", "198.51.100.200")
    assert refused.status_code == 429 and refused["Retry-After"] == "1"
    time_machine.move_to(NOW + timedelta(seconds=1), tick=False)
    assert login(client, "desk", "guess", "198.51.100.201").status_code == 200
    refused = login(client, "desk", "guess", "198.51.100.202")
    assert refused.status_code == 429 and refused["Retry-After"] == "2"


def test_hammering_a_lock_neither_counts_nor_extends_it(client, time_machine, settings):
    make_user("desk", group="Editors")
    for address in addresses(settings.LOGIN_ACCOUNT_FREE_FAILURES + 1):
        time_machine.shift(timedelta(minutes=1))
        login(client, "desk", "guess", address)
    for address in addresses(50, start=100):  # refused: the delay is running
        assert login(client, "desk", "guess", address).status_code == 429
    time_machine.shift(timedelta(seconds=2))
    assert login(client, "desk", PASSWORD, "198.51.100.180").status_code == 302


def test_guesses_at_many_accounts_from_one_address_are_slowed_down(client, settings):
    for n in range(25):
        make_user(f"reporter{n}", group="Writers")
    statuses = [login(client, f"reporter{n % 25}", "guess", "203.0.113.50").status_code for n in range(100)]
    free = settings.LOGIN_ADDRESS_FREE_FAILURES
    assert statuses[:free] == [200] * free
    assert set(statuses[free:]) == {429}


def guess_up_to_the_cap(client, time_machine, settings):
    """A patient attacker: waits out every delay, guesses from a new address each time."""
    for n, address in enumerate(addresses(settings.LOGIN_ACCOUNT_FAILURE_CAP)):
        time_machine.shift(timedelta(seconds=settings.LOGIN_MAX_DELAY if n >= 9 else 1))
        assert login(client, "desk", "guess", address).status_code == 200, n


def test_the_nist_cap_stops_guessing_but_never_locks_the_editor_out_of_her_desk(
    client, time_machine, settings
):
    make_user("desk", group="Editors")
    assert login(client, "desk", PASSWORD, "192.0.2.10").status_code == 302  # her usual address
    guess_up_to_the_cap(client, time_machine, settings)
    time_machine.shift(timedelta(days=3))
    capped = login(client, "desk", PASSWORD, "203.0.113.77")
    assert capped.status_code == 429  # right password, unknown address: no more tries, however late
    assert "cannot be tried from this address any more" in capped.content.decode()
    # From her desk the editor still logs in, and that success starts the count again.
    assert login(client, "desk", PASSWORD, "192.0.2.10").status_code == 302
    assert login(client, "desk", PASSWORD, "203.0.113.77").status_code == 302


def test_an_administrator_can_lift_the_cap(client, time_machine, settings):
    from django.core.management import call_command

    make_user("desk", group="Editors")
    guess_up_to_the_cap(client, time_machine, settings)
    assert login(client, "desk", PASSWORD, "203.0.113.78").status_code == 429
    call_command("axes_reset_username", "desk", verbosity=0)
    assert login(client, "desk", PASSWORD, "203.0.113.78").status_code == 302


def test_colleagues_behind_one_address_keep_logging_in(client, settings):
    """A newsroom behind one NAT: a stranger's spraying from it slows strangers, not known staff."""
    for name in ("ann", "bob"):
        make_user(name, group="Editors")
        assert login(client, name, PASSWORD, "203.0.113.5").status_code == 302
    for n in range(settings.LOGIN_ADDRESS_FREE_FAILURES + 5):
        login(client, f"nobody{n}", "guess", "203.0.113.5")
    assert login(client, "ann", PASSWORD, "203.0.113.5").status_code == 302
    assert login(client, "bob", PASSWORD, "203.0.113.5").status_code == 302
