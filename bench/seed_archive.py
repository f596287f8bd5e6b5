"""Fill an empty database with a large, realistic archive for the benchmark (`make bench`).

Bulk creation, no signals, no sanitizing pass (the generated bodies are already clean HTML):
100,000 articles with bodies of a few KB take about a minute on PostgreSQL. Bulk creation skips
the save signal that keeps each article's search document, so each batch fills them with one
UPDATE (issue 11: without it `make bench` searched an index that matched nothing).

    DATABASE_URL=... SECRET_KEY=... .venv/bin/python bench/seed_archive.py --articles 100000
"""

import argparse
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Author, Section, Summary, Tag
from articles.search import update_search_vectors

WORDS = (
    "council budget election minister river harbour storm market energy school hospital court "
    "railway bridge festival museum league final season research climate winter summer report "
    "city region parliament vote strike price wages farmers harvest police fire airport port "
    "совет бюджет выборы министр река гавань рынок энергия школа больница суд железная дорога "
    "мост фестиваль музей лига финал сезон исследование климат зима лето доклад город регион"
).split()
BATCH = 2000


def _sentence(rng, n):
    words = rng.choices(WORDS, k=n)
    return " ".join(words).capitalize() + "."


def _body(rng):
    paragraphs = []
    for _ in range(rng.randint(6, 10)):
        paragraphs.append("<p>" + " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(4)) + "</p>")
    paragraphs.insert(3, f"<h2>{_sentence(rng, 4)}</h2>")
    return "\n".join(paragraphs)


def seed(*, articles, sections, authors, tags, seed, out=sys.stdout):
    """Seed N public articles (and their sections, authors, tags, summaries) into an empty database."""
    if Article.objects.exists():
        sys.exit("The database already holds articles; seed an empty one.")
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        section_rows = Section.objects.bulk_create(
            Section(name=f"Section {i}", slug=f"section-{i}", order=i) for i in range(sections)
        )
        author_rows = Author.objects.bulk_create(
            Author(name=f"Author {i}", slug=f"author-{i}", bio=_sentence(rng, 12)) for i in range(authors)
        )
        tag_rows = Tag.objects.bulk_create(Tag(name=f"Tag {i}", slug=f"tag-{i}") for i in range(tags))
    AuthorLink, TagLink = Article.authors.through, Article.tags.through
    for start in range(0, articles, BATCH):
        with transaction.atomic():
            batch = []
            for i in range(start, min(start + BATCH, articles)):
                # One article every 10 minutes going back in time; every 50th shares its
                # neighbour's timestamp, so ties broken by id happen too.
                publish_at = now - timedelta(minutes=10 * (i - (i % 50 == 1)))
                batch.append(
                    Article(
                        headline=f"{_sentence(rng, 7)[:-1]} {i}",
                        slug=f"article-{i}",
                        standfirst=_sentence(rng, 20),
                        body=_body(rng),
                        language=rng.choice(["en", "ru"]),
                        section=rng.choice(section_rows),
                        status=Article.Status.PUBLISHED,
                        publish_at=publish_at,
                        first_published_at=publish_at,
                    )
                )
            created = Article.objects.bulk_create(batch)
            AuthorLink.objects.bulk_create(
                AuthorLink(article_id=a.pk, author_id=au.pk)
                for a in created
                for au in rng.sample(author_rows, rng.randint(1, 2))
            )
            TagLink.objects.bulk_create(
                TagLink(article_id=a.pk, tag_id=t.pk) for a in created for t in rng.sample(tag_rows, 3)
            )
            Summary.objects.bulk_create(
                Summary(article=a, text=_sentence(rng, 30), approved_at=now)
                for a in created
                if rng.random() < 0.8
            )
            update_search_vectors(Article.objects.filter(pk__in=[a.pk for a in created]))
        out.write(f"{min(start + BATCH, articles)} articles\r")
    if connection.vendor == "postgresql":  # outside any transaction: VACUUM refuses to run in one
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # statistics and the visibility map, as autovacuum would
    out.write(f"Seeded {articles} articles.\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sections", type=int, default=12)
    parser.add_argument("--authors", type=int, default=300)
    parser.add_argument("--tags", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    seed(**vars(parser.parse_args()))


if __name__ == "__main__":
    main()
