"""What Chromium hands a screen reader: its accessibility tree, read over the DevTools protocol.

Usage::

    from tests.browser.a11y import accessibility_tree
    [name for role, name, states in accessibility_tree(page) if role == "search"]
"""


def accessibility_tree(page):
    """(role, accessible name, {state: value}) for every node a screen reader is given."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    return [
        (
            node.get("role", {}).get("value"),
            node.get("name", {}).get("value"),
            {prop["name"]: prop["value"].get("value") for prop in node.get("properties", [])},
        )
        for node in nodes
        if not node.get("ignored")
    ]
