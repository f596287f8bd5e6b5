"""Profile reader pages in-process with pyinstrument (pip install pyinstrument; not a dependency).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_100k \
        .venv/bin/python bench/profile.py [--path /articles/SLUG/] [--requests 200]

Runs with the page cache off (PAGE_CACHE_SECONDS=0) so each request renders; random articles by default.
"""

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "profile-only")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ["REQUEST_LOG"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "localhost")

import django

django.setup()

from django.test import Client
from pyinstrument import Profiler

from articles.models import Article


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--path")
    parser.add_argument("--requests", type=int, default=200)
    options = parser.parse_args()
    slugs = list(Article.objects.public().values_list("slug", flat=True)[:5000])
    paths = (
        [options.path] * options.requests
        if options.path
        else [f"/articles/{random.choice(slugs)}/" for _ in range(options.requests)]
    )
    client = Client(SERVER_NAME="localhost")
    client.get(paths[0])  # warm up: imports, template loading, connection
    profiler = Profiler(interval=0.0005)
    with profiler:
        for path in paths:
            assert client.get(path).status_code == 200, path
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
