"""Hand-written articles with reference summaries, for scoring the summary assistant."""

import json
from pathlib import Path

DATASET_PATH = Path(__file__).with_name("summaries_eval.json")


def load_articles(language=None):
    """Return the evaluation articles, optionally only those in one language."""
    with DATASET_PATH.open(encoding="utf-8") as dataset:
        articles = json.load(dataset)
    return [article for article in articles if language in (None, article["language"])]
