"""The newsroom day's writer: draft saves, publications and one unpublish, through the app's own code.

bench/newsroom_day.py runs this as a separate Django process with the server's settings and
environment (database, cache, purger configuration), so every change goes through what the admin
calls: `Article.save()` and `workflow.save_revision()` in one transaction for a draft save (as the
admin's Save does), `workflow.publish()` and `workflow.unpublish()` for the buttons. The model
signals and on-commit handlers in this process then invalidate the shared page cache (files or
Redis) and purge the HTTP tier exactly as they do after an editor's click. Driving the admin over
HTTP would spend the two measured gunicorn workers on rendering the change form, so the figures
would mix the editor's page with the readers'; the invalidation path is the same either way.

    python bench/day_writer.py prepare --target-rank 3          # reset, print the plan (JSON)
    python bench/day_writer.py run --duration 60 --check http://127.0.0.1:8000 ...

`run` prints READY when set up (the app's own log lines, JSON on the same stdout, may come
first), waits for a line on stdin, then keeps its schedule (a draft save every --draft-every
seconds, a publication every --publish-every seconds starting half a period in, the unpublish at
--unpublish-at), checks every tier for stale copies right after the unpublish returns and again a
second later, restores the article after --duration, and prints RESULT <json>.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.contrib.auth import get_user_model
from django.db import transaction

from articles import workflow
from articles.models import Article, Author, Section

PREFIX = "bench-day-"  # the writer's own articles; `prepare` deletes them before a run
SEEDED = "article-"  # bench/seed_archive.py's slugs: article-0 is the newest


def writer():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-day-writer", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def prepare(options):
    """Undo earlier runs (their articles, an unpublish a crash left behind); name the target."""
    user = writer()
    for article in Article.objects.filter(slug__startswith=PREFIX):
        article.delete()
    for article in Article.objects.filter(slug__startswith=SEEDED).exclude(status=Article.Status.PUBLISHED):
        workflow.publish(article, by=user, at=article.first_published_at)
    target = Article.objects.get(slug=f"{SEEDED}{options.target_rank - 1}")
    # Prefixed: the app's own log lines (JSON, on stdout) may come before it.
    print("PLAN " + json.dumps({"target": target.slug, "public": Article.objects.public().count()}))


def draft(slug, section, authors, text):
    article = Article.objects.create(
        headline=f"Newsroom day {slug}", slug=slug, standfirst=text, body=f"<p>{text}</p>", section=section
    )
    article.authors.set(authors)
    return article


def pages_showing(article):
    """Every public page that shows the article or links to it: where a stale copy would be."""
    before, after = article.adjacent_public()
    paths = [
        "/",
        f"/sections/{article.section.slug}/",
        *(f"/authors/{a.slug}/" for a in article.authors.all()[:1]),
        *(f"/tags/{t.slug}/" for t in article.tags.all()[:1]),
        *(n.get_absolute_url() for n in (before, after) if n is not None),
        "/feeds/rss/",
        "/sitemap-news.xml",
    ]
    return article.get_absolute_url(), paths


def stale_copies(bases, article_path, listing_paths):
    """URLs still serving the unpublished article: its page answering 200, or a page linking to it."""
    stale = []
    for base in bases:
        for path in [article_path, *listing_paths]:
            try:
                with urllib.request.urlopen(base + path, timeout=10) as response:
                    body = response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                body, status = b"", error.code
            if (path == article_path and status == 200) or article_path.encode() in body:
                stale.append(base + path)
    return stale


class Clock:
    def __init__(self):
        self.start = time.monotonic()

    def now(self):
        return time.monotonic() - self.start

    def sleep_until(self, moment):
        time.sleep(max(0.0, moment - self.now()))


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    function(*args, **kwargs)
    return round((time.perf_counter() - started) * 1000, 1)


def run(options):
    user = writer()
    section, authors = Section.objects.order_by("id").first(), list(Author.objects.order_by("id")[:2])
    stamp = time.strftime("%H%M%S")
    working = draft(f"{PREFIX}{stamp}-draft", section, authors, "A story being written.")
    publications = max(0, int((options.duration - options.publish_every / 2) // options.publish_every) + 1)
    queued = [draft(f"{PREFIX}{stamp}-{n}", section, authors, "Breaking news.") for n in range(publications)]
    target = Article.objects.get(slug=options.target)
    original_publish_at = target.publish_at
    article_path, listing_paths = pages_showing(target)
    # Every page the check will read is requested once, so each tier holds a copy to go stale.
    stale_copies(options.check, article_path, listing_paths)
    print("READY", flush=True)
    sys.stdin.readline()

    clock = Clock()
    saves, save_ms, publish_ms, result = 0, [], [], {}
    next_save, next_publish = 0.0, options.publish_every / 2
    unpublish_at = options.unpublish_at if options.unpublish_at is not None else options.duration
    while clock.now() < options.duration:
        if queued and clock.now() >= next_publish:
            publish_ms.append(timed(workflow.publish, queued.pop(0), by=user))
            next_publish += options.publish_every
        elif "unpublish_ms" not in result and clock.now() >= unpublish_at:
            result["unpublish_ms"] = timed(workflow.unpublish, target, by=user)
            result["unpublished_at_s"] = round(clock.now(), 2)
            # Right after the editor's click returns, then a second later: no tier may serve it.
            result["stale_immediately"] = stale_copies(options.check, article_path, listing_paths)
            time.sleep(1)
            result["stale_after_1s"] = stale_copies(options.check, article_path, listing_paths)
        elif clock.now() >= next_save:
            working.body = f"<p>Draft save {saves}: the story so far, still invisible to readers.</p>"
            working.last_edited_by = user
            with transaction.atomic():  # the admin's Save: the article and its revision, one commit
                save_ms.append(timed(working.save))
                workflow.save_revision(working, by=user)
            saves += 1
            next_save += options.draft_every
        else:
            moments = [next_save, options.duration, *([next_publish] if queued else [])]
            clock.sleep_until(min(moments + ([] if "unpublish_ms" in result else [unpublish_at])))
    elapsed = clock.now()
    target.refresh_from_db()
    if target.status != Article.Status.PUBLISHED:  # back as it was, for the next tier's run
        workflow.publish(target, by=user, at=original_publish_at)
    save_ms.sort()
    result |= {
        "seconds": round(elapsed, 1),
        "draft_saves": saves,
        "draft_saves_per_s": round(saves / elapsed, 2),
        "draft_save_ms_p50": save_ms[len(save_ms) // 2] if save_ms else None,
        "publications": len(publish_ms),
        "publish_ms": publish_ms,
        "target": article_path,
        "checked": [base + path for base in options.check for path in [article_path, *listing_paths]],
    }
    print("RESULT " + json.dumps(result), flush=True)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    prep = commands.add_parser("prepare")
    prep.add_argument("--target-rank", type=int, default=3, help="unpublish the Nth newest seeded article")
    go = commands.add_parser("run")
    go.add_argument("--duration", type=float, required=True)
    go.add_argument("--draft-every", type=float, default=0.5)
    go.add_argument("--publish-every", type=float, default=60)
    go.add_argument("--unpublish-at", type=float, help="seconds into the run; default: at its end")
    go.add_argument("--target", required=True, help="slug of the article to unpublish")
    go.add_argument(
        "--check", action="append", default=[], help="base URL of a tier to check for stale copies"
    )
    options = parser.parse_args()
    prepare(options) if options.command == "prepare" else run(options)


if __name__ == "__main__":
    main()
