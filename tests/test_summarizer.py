import random
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.html import html_to_text
from assistant.evaluation import load_articles
from assistant.rouge import lcs_length, rouge_l, rouge_n, rouge_scores, rouge_tokens
from assistant.summarizers import (
    DEFAULT_PROMPT,
    ExtractiveSummarizer,
    OpenAISummarizer,
    SummarizerError,
    get_summarizer,
)
from assistant.summarizers.text import split_sentences, stem

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_split_sentences_keeps_english_abbreviations_initials_and_decimals_together():
    text = (
        "Mr. Smith met Dr. Jones at the U.S. Senate on Monday. J. R. Smith said prices rose "
        "3.5 percent! Some people, e.g. farmers, disagree. Apple Inc. announced results. "
        "It sells fruit, vegetables, etc. See No. 5 for details. Meet at 9 a.m. The room opens."
    )

    assert split_sentences(text, "en") == [
        "Mr. Smith met Dr. Jones at the U.S. Senate on Monday.",
        "J. R. Smith said prices rose 3.5 percent!",
        "Some people, e.g. farmers, disagree.",
        "Apple Inc. announced results.",
        "It sells fruit, vegetables, etc.",
        "See No. 5 for details.",
        "Meet at 9 a.m.",
        "The room opens.",
    ]


def test_split_sentences_handles_english_quotes_questions_and_ellipses():
    text = (
        '"Stop!" he said. Did they agree? "No," she replied. "We lost." Wait... what happened? '
        "He paused... Then he left. Really?!"
    )

    assert split_sentences(text, "en") == [
        '"Stop!" he said.',
        "Did they agree?",
        '"No," she replied.',
        '"We lost."',
        "Wait... what happened?",
        "He paused...",
        "Then he left.",
        "Really?!",
    ]


def test_split_sentences_keeps_russian_abbreviations_initials_and_decimals_together():
    text = (
        "А. С. Пушкин жил в г. Москве на ул. Арбат, а родился в 1799 г. Это известно всем. "
        "Цена выросла на 2,5 %, т.е. заметно. Музей им. И. П. Громова открыт, т. е. работает. "
        "Склады, магазины и т.д. Потом всё изменилось. Крепость XVII в. Она стоит в д. Малые "
        "Ключи, д. 5."
    )

    assert split_sentences(text, "ru") == [
        "А. С. Пушкин жил в г. Москве на ул. Арбат, а родился в 1799 г.",
        "Это известно всем.",
        "Цена выросла на 2,5 %, т.е. заметно.",
        "Музей им. И. П. Громова открыт, т. е. работает.",
        "Склады, магазины и т.д.",
        "Потом всё изменилось.",
        "Крепость XVII в.",
        "Она стоит в д. Малые Ключи, д. 5.",
    ]


def test_split_sentences_handles_russian_quotes_dialogue_and_ellipses():
    text = (
        "«Вы пойдёте?» — спросил он. «Нет», — ответил я. «Мы не верили своим глазам, — "
        "рассказывает она. — Озеро оживает». Правда?! Да... Конечно! Он ушёл… А она осталась."
    )

    assert split_sentences(text, "ru") == [
        "«Вы пойдёте?» — спросил он.",
        "«Нет», — ответил я.",
        "«Мы не верили своим глазам, — рассказывает она.",
        "— Озеро оживает».",
        "Правда?!",
        "Да...",
        "Конечно!",
        "Он ушёл…",
        "А она осталась.",
    ]


def test_split_sentences_ends_sentences_at_paragraphs_and_joins_wrapped_lines():
    text = "Headline without a stop\n\nFirst paragraph runs\nonto a wrapped line. Second one.\n"

    assert split_sentences(text, "en") == [
        "Headline without a stop",
        "First paragraph runs onto a wrapped line.",
        "Second one.",
    ]


def test_split_sentences_of_empty_text_is_empty():
    assert split_sentences("", "en") == []
    assert split_sentences("  \n\n ", "ru") == []


def test_stem_folds_common_russian_and_english_endings():
    assert stem("bridges") == stem("bridge")
    assert stem("closed") == stem("closes") == stem("close")
    assert stem("stopped") == stem("stop")
    assert stem("cities") == stem("city")
    assert stem("мостов") == stem("моста") == stem("мост")
    assert stem("библиотеки") == stem("библиотеке")
    assert stem("новых") == stem("новый")


def test_html_to_text_turns_paragraphs_into_blank_lines():
    html = "<h2>Title</h2>\n<p>One &amp; <b>two</b>\n three.</p><p>Four<br>five.</p>"

    assert html_to_text(html) == "Title\n\nOne & two three.\n\nFour\nfive."


CENTRAL_TEXT = (
    "The harbour ferry carries commuters across the bay every morning. "
    "Local bakers sell sourdough bread at the Saturday market. "
    "A new library opened beside the old railway station. "
    "The ferry, the bakers' market and the new library all depend on the council budget. "
    "Volunteers planted oak trees along the river path. "
    "The council budget also pays for the oak trees and the river path. "
    "Teachers at the primary school started a chess club. "
    "The chess club and the primary school teachers hope the council budget grows."
)


@pytest.mark.parametrize("lead_bias", [0, 1])
def test_extractive_summary_picks_the_central_sentence(lead_bias):
    summarizer = ExtractiveSummarizer(max_sentences=1, lead_bias=lead_bias)

    scores = summarizer.rank(_vectors(CENTRAL_TEXT))

    best = max(range(len(scores)), key=scores.__getitem__)
    assert split_sentences(CENTRAL_TEXT, "en")[best].startswith("The ferry, the bakers' market")


def _vectors(text):
    from assistant.summarizers.extractive import _tfidf_vectors
    from assistant.summarizers.text import content_terms

    return _tfidf_vectors([content_terms(sentence) for sentence in split_sentences(text, "en")])


def test_extractive_summary_keeps_sentences_in_article_order():
    article = load_articles("en")[0]
    sentences = split_sentences(article["body"], "en")

    summary = ExtractiveSummarizer().summarize(article["body"], language="en")

    chosen = [s for s in sentences if s in summary]
    assert 1 < len(chosen) <= 3
    assert " ".join(chosen) == summary
    positions = [sentences.index(s) for s in chosen]
    assert positions == sorted(positions)


def test_extractive_summary_is_deterministic_and_keeps_no_state_between_calls():
    article = load_articles("ru")[0]["body"]
    unrelated = split_sentences(load_articles("en")[3]["body"], "en")
    random.Random(7).shuffle(unrelated)
    summarizer = ExtractiveSummarizer()

    first = summarizer.summarize(article, language="ru")
    summarizer.summarize(" ".join(unrelated), language="en")
    second = summarizer.summarize(article, language="ru")

    assert first == second == ExtractiveSummarizer().summarize(article, language="ru")


def test_extractive_summary_does_not_depend_on_hash_seed():
    code = (
        "from assistant.evaluation import load_articles\n"
        "from assistant.summarizers import ExtractiveSummarizer\n"
        "s = ExtractiveSummarizer()\n"
        "print('|'.join(s.summarize(a['body'], language=a['language']) for a in load_articles()))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=PROJECT_ROOT,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(PROJECT_ROOT)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }

    assert len(outputs) == 1


def test_extractive_summary_of_empty_text_is_empty():
    assert ExtractiveSummarizer().summarize("", language="en") == ""
    assert ExtractiveSummarizer().summarize(" \n\n ", language="ru") == ""


def test_extractive_summary_of_one_sentence_is_that_sentence():
    sentence = "Северный мост закроют на ремонт с 1 апреля."

    assert ExtractiveSummarizer().summarize(sentence, language="ru") == sentence


def test_extractive_summary_trims_a_lone_sentence_longer_than_max_chars():
    sentence = "The council voted to close the waterfront to cars for three years from June."

    summary = ExtractiveSummarizer().summarize(sentence, language="en", max_chars=30)

    assert summary == "The council voted to close…"
    assert len(summary) <= 30


def test_extractive_summary_of_a_short_text_is_one_sentence():
    text = "The bridge is closed. Traffic is diverted. Repairs will take three months."

    summary = ExtractiveSummarizer().summarize(text, language="en")

    assert len(split_sentences(summary, "en")) == 1


@pytest.mark.parametrize("max_chars", [80, 200, 350, 600])
def test_extractive_summary_respects_max_chars(max_chars):
    summarizer = ExtractiveSummarizer()

    for article in load_articles():
        body, language = article["body"], article["language"]
        summary = summarizer.summarize(body, language=language, max_chars=max_chars)
        assert 0 < len(summary) <= max_chars


def test_extractive_summary_of_a_3000_word_article_finishes():
    bodies = [article["body"] for article in load_articles("en")]
    text = " ".join(" ".join(bodies).split()[:3000])

    summary = ExtractiveSummarizer().summarize(text, language="en")

    assert 0 < len(summary) <= 600
    assert len(split_sentences(summary, "en")) <= 3


def test_rouge_on_a_known_english_example():
    candidate, reference = "the cat sat on the mat", "the cat sat on a mat"

    assert rouge_n(candidate, reference, 1) == pytest.approx(5 / 6)
    assert rouge_n(candidate, reference, 2) == pytest.approx(3 / 5)
    assert rouge_l(candidate, reference) == pytest.approx(5 / 6)


def test_rouge_keeps_cyrillic_and_stems_it():
    assert rouge_tokens("Кошки сидели на ковре") == rouge_tokens("кошка сидела на ковре")
    assert rouge_scores("Кошки сидели на ковре", "Кошка сидела на ковре") == {
        "rouge1": 1.0,
        "rouge2": 1.0,
        "rougeL": 1.0,
    }
    assert rouge_n("Москва", "Лондон", 1) == 0.0


def test_rouge_of_empty_text_is_zero():
    assert rouge_scores("", "a reference") == {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}


def test_lcs_length():
    assert lcs_length(list("ABCBDAB"), list("BDCABA")) == 4
    assert lcs_length([], list("abc")) == 0


def test_evaluation_set_has_enough_original_articles_in_both_languages():
    articles = load_articles()

    assert len(articles) >= 30
    assert len(load_articles("en")) >= 12
    assert len(load_articles("ru")) >= 12
    assert len({article["id"] for article in articles}) == len(articles)
    for article in articles:
        assert 250 <= len(article["body"].split()) <= 500, article["id"]
        assert 2 <= len(split_sentences(article["reference"], article["language"])) <= 3


def test_evaluate_summaries_prints_a_table():
    out = StringIO()

    call_command("evaluate_summaries", stdout=out)

    table = out.getvalue()
    assert "ROUGE-1" in table
    assert "ROUGE-L" in table
    for system in ("extractive", "lead-3", "lead-2"):
        for subset in ("all", "en", "ru"):
            assert _row(table, system, subset)
    assert re.search(r"extractive: \d+\.\d ms per article", table)


def test_evaluate_summaries_can_score_one_language():
    out = StringIO()

    call_command("evaluate_summaries", language="ru", stdout=out)

    table = out.getvalue()
    assert _row(table, "extractive", "all")[0] == 15
    assert not _row(table, "extractive", "en")


def test_extractive_beats_lead_3_on_mean_rouge_1():
    out = StringIO()

    call_command("evaluate_summaries", stdout=out)

    table = out.getvalue()
    assert _row(table, "extractive", "all")[1] > _row(table, "lead-3", "all")[1]


def _row(table, system, subset):
    """(n, ROUGE-1, ROUGE-2, ROUGE-L) from the row for system and subset, or None."""
    match = re.search(
        rf"^{re.escape(system)}\s+{subset}\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", table, re.M
    )
    if not match:
        return None
    n, *scores = match.groups()
    return (int(n), *map(float, scores))


def test_get_summarizer_defaults_to_extractive_without_settings(settings):
    del settings.SUMMARIZER
    del settings.SUMMARY_MAX_LENGTH

    summarizer = get_summarizer()

    assert summarizer.name == "extractive"
    assert summarizer.max_chars == 600


def test_get_summarizer_builds_the_openai_backend_from_settings(settings):
    settings.SUMMARY_MAX_LENGTH = 400
    settings.SUMMARIZER = {
        "BACKEND": "openai",
        "BASE_URL": "http://llm.internal/v1/",
        "MODEL": "tiny",
        "API_KEY": "key",
        "TIMEOUT": 5,
        "RETRIES": 0,
        "PROMPT": "",
    }

    summarizer = get_summarizer()

    assert isinstance(summarizer, OpenAISummarizer)
    assert summarizer.name == "openai:tiny"
    assert summarizer.url == "http://llm.internal/v1/chat/completions"
    assert (summarizer.timeout, summarizer.retries, summarizer.max_chars) == (5.0, 0, 400)
    assert summarizer.prompt == DEFAULT_PROMPT


def test_get_summarizer_explains_missing_or_unknown_configuration(settings):
    settings.SUMMARIZER = {"BACKEND": "openai", "BASE_URL": "", "MODEL": "tiny"}
    with pytest.raises(SummarizerError, match="base URL"):
        get_summarizer()

    settings.SUMMARIZER = {"BACKEND": "magic"}
    with pytest.raises(SummarizerError, match="Unknown summarizer backend 'magic'"):
        get_summarizer()


def test_default_prompt_names_language_length_and_the_no_new_facts_rule():
    for phrase in ("{language}", "{max_chars}", "2-3 sentences", "plain text", "only facts"):
        assert phrase in DEFAULT_PROMPT
