"""Browser tests drive a real Chromium through Playwright (fixtures in tests/browser/fixtures.py)."""

import pytest


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
