"""The benchmark's archive seeder fills search documents, so `make bench` searches a real index (issue 11)."""

import io

import pytest
from django.db import connection

from articles import search
from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)  # the seeder ends with VACUUM, outside a transaction


def test_seeded_articles_are_found_by_search():
    if connection.vendor != "postgresql":
        pytest.skip("search documents are PostgreSQL's")
    from bench.seed_archive import seed

    seed(articles=60, sections=3, authors=5, tags=10, seed=7, out=io.StringIO())
    assert not Article.objects.filter(search_vector__isnull=True).exists()
    assert search.search("harbour").count() > 0
    assert search.search("гавань").count() > 0  # Russian words are stemmed too
