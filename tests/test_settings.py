"""Settings come from the environment, with safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _settings_in(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings as s; "
         "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)"],
        cwd=ROOT, env=env | {"DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = _settings_in({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_is_off_unless_asked_and_sqlite_is_the_default():
    result = _settings_in({"SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["False", "django.db.backends.sqlite3"]


@pytest.mark.parametrize("url", ["postgres://u@127.0.0.1:5432/newsroom"])
def test_database_url_selects_postgresql(url):
    result = _settings_in({"SECRET_KEY": "x" * 50, "DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "newsroom.postgresql" in result.stdout  # Django's backend with deadlines (issue 11)
