"""The layout's promises that import-linter (`make lint`) cannot check."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["articles", "assistant", "demo", "desk", "images", "newsroom", "notifications", "pagecache"]
MIGRATIONS = sorted(ROOT.glob("*/migrations/0*.py"))
# Modules that are data rather than code.
LONG_BY_NATURE = {ROOT / "demo" / "content.py"}
MAX_MODULE_LINES = 360


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


@pytest.mark.parametrize("migration", MIGRATIONS, ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_migrations_import_no_application_code(migration):
    """A migration runs the same on an empty database years later, whatever the app code became."""
    ours = {module for module in _imported_modules(migration) if module.split(".")[0] in APPS}
    assert not ours, f"{migration.name} imports {sorted(ours)}: write what it needs out in the migration"


def test_no_module_outgrows_a_readable_size():
    modules = [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path not in LONG_BY_NATURE
    ]
    too_long = {
        str(p.relative_to(ROOT)): n
        for p in modules
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert not too_long, f"split these by concern: {too_long}"
