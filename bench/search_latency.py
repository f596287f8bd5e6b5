"""Search latency on PostgreSQL with 100,000 articles: a benchmark, not a test.

    createdb newsroom_5bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_5bench .venv/bin/python bench/search_latency.py

Seeds the database once (migrate, then 100,000 public articles of a few KB each, half Russian and half
English, in batches; the search documents are filled by one UPDATE), then times searches for a common
and a rare word in each language: the whole /search/ page through Django's test client, and the ranked
query for the first page alone. Prints the median of several runs and the EXPLAIN ANALYZE of a query.
Refuses to run on anything but PostgreSQL, and refuses to seed a database that holds other articles.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-insecure-key")
# Every request must render: no page cache, and no request log lines in the report.
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ["REQUEST_LOG"] = "0"

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
from django.utils import timezone

from articles.models import Article, Author, Section
from articles.search import search, search_query, update_search_vectors

ARTICLES = int(os.environ.get("BENCH_ARTICLES", 100_000))
BATCH = 2_000
WORDS_PER_BODY = 380  # about 2.5-3 KB of text
RUNS = 7
RARE_EVERY = 2_000  # the rare words appear in one article in 2,000
SLUG_PREFIX = "bench-"

ENGLISH = """
city council government minister election vote voters budget tax school hospital police court
judge law market company shares bank rates inflation prices energy power plant river harbour
port ship storm weather rain flood summer winter tram bus railway station road bridge airport
flight airline passenger ticket theatre concert film festival museum gallery painting book author
science research study university student teacher doctor patient health virus vaccine climate
carbon emissions forest park garden farm farmers harvest wheat bread water supply pipeline
housing rent tenants mayor district residents protest strike union workers wages jobs factory
export import trade deal talks summit president parliament debate reform pension budget deficit
growth recession investment startup technology software data network internet phone satellite
rocket space mission planet telescope football match goal team coach season league final cup
""".split()
ENGLISH_FILLER = (
    "the a of and to in on for with at by from that this was were is are has have said will".split()
)

RUSSIAN = """
город города городе городу городом совет совета совете правительство министр министра выборы
выборах выборов голосование бюджет бюджета бюджете налог налоги школа школы больница больницы
полиция суд суда закон закона рынок рынке компания компании акции банк банка ставка ставки
инфляция цены энергия электростанция река реки порт порту судно шторм погода дождь наводнение
лето зима трамвай трамвая автобус железная дорога станция мост моста аэропорт рейс пассажиры
театр театре концерт фильм фестиваль музей музея выставка книга автор наука исследование
университет студенты учитель врач пациенты здоровье вирус вакцина климат выбросы лес парк
сад ферма фермеры урожай пшеница хлеб вода водопровод жильё аренда жители мэр мэра район
районе протест забастовка профсоюз рабочие зарплаты завод экспорт торговля переговоры президент
парламент реформа пенсии рост инвестиции технологии сеть интернет спутник ракета космос матч
""".split()
RUSSIAN_FILLER = "и в на с по для из что это был была были как к о от до не но".split()

# (label, query): the common words are the most frequent of each list; the rare ones are planted.
QUERIES = [
    ("English, common word", "city"),
    ("English, rare word", "zeppelin"),
    ("Russian, common word (inflected query)", "городах"),
    ("Russian, rare word (inflected query)", "дирижабля"),
]
RARE = {"en": "zeppelin", "ru": "дирижабль"}


def zipf_weights(words):
    return [1 / rank for rank in range(1, len(words) + 1)]


def paragraph(rng, words, weights, filler, length):
    chosen = rng.choices(words, weights=weights, k=length)
    for i in range(0, length, 3):
        chosen[i] = rng.choice(filler)
    return " ".join(chosen).capitalize() + "."


def body(rng, language, n):
    words, filler = (ENGLISH, ENGLISH_FILLER) if language == "en" else (RUSSIAN, RUSSIAN_FILLER)
    weights = zipf_weights(words)
    paragraphs = [paragraph(rng, words, weights, filler, WORDS_PER_BODY // 5) for _ in range(5)]
    if n % RARE_EVERY in (0, 1):  # one English and one Russian article
        paragraphs[2] += (
            f" {RARE[language].capitalize()} над портом." if language == "ru" else " A zeppelin flew."
        )
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def seed():
    existing = Article.objects.count()
    seeded = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if existing != seeded:
        sys.exit("This database holds articles that are not the benchmark's; use a database of its own.")
    if seeded >= ARTICLES:
        print(f"{seeded} benchmark articles present; not seeding again.")
        return
    Article.objects.all().delete()
    rng = random.Random(5)
    sections = [
        Section.objects.get_or_create(slug=f"bench-{name}", defaults={"name": name.title()})[0]
        for name in ["city", "business", "science", "culture"]
    ]
    authors = [
        Author.objects.get_or_create(slug=f"bench-author-{i}", defaults={"name": f"Author {i}"})[0]
        for i in range(20)
    ]
    started = time.perf_counter()
    now = timezone.now()
    through = Article.authors.through
    for start in range(0, ARTICLES, BATCH):
        batch = []
        for n in range(start, min(start + BATCH, ARTICLES)):
            language = "ru" if n % 2 else "en"
            words = ENGLISH if language == "en" else RUSSIAN
            headline = " ".join(rng.choices(words, k=8)).capitalize()
            batch.append(
                Article(
                    headline=headline,
                    slug=f"{SLUG_PREFIX}{n}",
                    standfirst=" ".join(rng.choices(words, k=20)).capitalize() + ".",
                    body=body(rng, language, n),
                    language=language,
                    section=sections[n % len(sections)],
                    status=Article.Status.PUBLISHED,
                    publish_at=now - timedelta(minutes=10 * n + 1),
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(batch)
            through.objects.bulk_create(
                through(article_id=article.pk, author_id=authors[article.pk % len(authors)].pk)
                for article in created
            )
        print(f"  {start + len(batch):>7} articles", end="\r", flush=True)
    print(f"\nSeeded {ARTICLES} articles in {time.perf_counter() - started:.0f} s.")
    started = time.perf_counter()
    update_search_vectors(Article.objects.all())  # one UPDATE ... SET search_vector = <weighted to_tsvector>
    print(f"Filled search_vector with one UPDATE in {time.perf_counter() - started:.0f} s.")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_article")


def median_ms(function):
    function()  # warm-up: caches and connection
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def first_page_ids(query):
    return list(search(query).values_list("pk", flat=True)[: settings.ARTICLES_PER_PAGE])


def main():
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own, e.g. .../newsroom_5bench.")
    call_command("migrate", verbosity=0)
    seed()
    setup_test_environment()
    client = Client()
    plain_static = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    total = Article.objects.public().count()
    print(f"\n{total} public articles; median of {RUNS} runs after one warm-up.\n")
    print(f"{'query':<50} {'matches':>8} {'ranked':>8} {'first page (ms)':>16} {'/search/ page (ms)':>19}")
    with override_settings(STORAGES=plain_static):
        for label, query in QUERIES:
            matches = Article.objects.public().filter(search_vector=search_query(query)).count()
            ranked = search(query).count()  # fewer when the ranking window applies

            def page(query=query):
                response = client.get("/search/", {"q": query})
                assert response.status_code == 200

            print(
                f"{label + ' «' + query + '»':<50} {matches:>8} {ranked:>8} "
                f"{median_ms(lambda query=query: first_page_ids(query)):>16.1f} {median_ms(page):>19.1f}"
            )
    for query in ("zeppelin", "city"):
        print(f"\nEXPLAIN ANALYZE of the first page for «{query}»:")
        print(search(query)[: settings.ARTICLES_PER_PAGE].explain(analyze=True))


if __name__ == "__main__":
    main()
