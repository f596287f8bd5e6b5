"""axe-core in Chromium (bundled with axe-playwright-python): accessibility checks for browser tests.

Usage::

    from tests.browser.axe import axe_violations
    assert axe_violations(page) == []
"""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
IMPACTS = ("minor", "moderate", "serious", "critical")


def axe_violations(page, *, context=None, least_impact="minor"):
    """The page's axe violations at `least_impact` or worse, one readable line each (empty: none)."""
    wanted = set(IMPACTS[IMPACTS.index(least_impact) :])
    results = _axe.run(page, context=context)
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[node['target'] for node in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in wanted
    ]
