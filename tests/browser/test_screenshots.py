"""Screenshots of the desk and the calendar for the README, from the demo newsroom, at desktop and
phone widths. Not a test of behaviour: it runs only when asked for.

    SCREENSHOTS=1 make test PYTEST_ARGS="tests/browser/test_screenshots.py"

The PNGs go to docs/img/, reduced to a 64-colour palette so they stay small in the repository.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("SCREENSHOTS"), reason="SCREENSHOTS=1 remakes the README images"),
]
OUT = Path(__file__).resolve().parents[2] / "docs" / "img"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def shoot(page, name):
    path = OUT / f"{name}.png"
    page.screenshot(path=path)
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=64).save(path, optimize=True)


def test_desk_and_calendar_screenshots(browser, live_server, settings):
    settings.DEBUG = True  # load_demo creates its demo users only with DEBUG on
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    OUT.mkdir(parents=True, exist_ok=True)
    for username in ("editor", "writer"):
        for size, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.goto(live_server.url + reverse("admin:login"))
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill("newsroom-demo")
            page.get_by_role("button", name="Log in").click()
            page.wait_for_load_state("networkidle")
            shoot(page, f"desk-{username}-{size}")
            if username == "editor":
                page.goto(live_server.url + reverse("admin:desk-calendar"), wait_until="networkidle")
                shoot(page, f"calendar-{size}")
            context.close()
