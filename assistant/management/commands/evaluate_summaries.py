"""Score the extractive summarizer and lead baselines against hand-written reference summaries."""

import time
from statistics import fmean

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assistant.evaluation import load_articles
from assistant.rouge import rouge_scores
from assistant.summarizers import DEFAULT_MAX_CHARS, ExtractiveSummarizer
from assistant.summarizers.text import split_sentences

METRICS = ("rouge1", "rouge2", "rougeL")


def lead(count):
    """A baseline that takes the article's first sentences, as many as fit, up to `count`."""

    def summarize(text, *, language, max_chars):
        kept = []
        for sentence in split_sentences(text, language)[:count]:
            if len(" ".join([*kept, sentence])) > max_chars:
                break
            kept.append(sentence)
        return " ".join(kept)

    return summarize


class Command(BaseCommand):
    help = "Print mean ROUGE-1/2/L F1 of the extractive summarizer and lead baselines."
    # Reads a JSON file and computes scores: no models, no database, nothing to check.
    requires_system_checks = ()

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=["en", "ru"], help="Score one language only.")
        parser.add_argument(
            "--max-chars",
            type=int,
            help="Summary length limit (default: settings.SUMMARY_MAX_LENGTH).",
        )

    def handle(self, *args, language=None, max_chars=None, **options):
        limit = max_chars or getattr(settings, "SUMMARY_MAX_LENGTH", None) or DEFAULT_MAX_CHARS
        articles = load_articles(language)
        if not articles:
            raise CommandError("The evaluation set has no articles in that language.")
        extractive = ExtractiveSummarizer(max_chars=limit)
        systems = {
            "extractive": extractive.summarize,
            "textrank, no lead bias": ExtractiveSummarizer(max_chars=limit, lead_bias=0).summarize,
            "lead-3": lead(3),
            "lead-2": lead(2),
        }
        results = {name: [] for name in systems}
        timings = []
        for article in articles:
            for name, summarize in systems.items():
                started = time.perf_counter()
                summary = summarize(article["body"], language=article["language"], max_chars=limit)
                if name == "extractive":
                    timings.append(time.perf_counter() - started)
                scores = rouge_scores(summary, article["reference"])
                results[name].append((article["language"], len(summary), scores))
        self._print_table(results, len(articles), limit)
        self.stdout.write(
            f"\nextractive: {fmean(timings) * 1000:.1f} ms per article on average "
            f"(slowest {max(timings) * 1000:.1f} ms, {len(timings)} articles)"
        )

    def _print_table(self, results, count, limit):
        """Write one row per system and language subset."""
        self.stdout.write(
            f"Mean ROUGE F1 against {count} hand-written reference summaries "
            f"(summaries up to {limit} characters)"
        )
        self.stdout.write("")
        header = f"{'system':<24}{'subset':<8}{'n':>4}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-L':>9}"
        self.stdout.write(f"{header}{'chars':>7}")
        self.stdout.write("-" * (len(header) + 7))
        for name, rows in results.items():
            for subset in ("all", "en", "ru"):
                chosen = [row for row in rows if subset in ("all", row[0])]
                if not chosen or (subset != "all" and len(chosen) == len(rows)):
                    continue
                means = [fmean(scores[metric] for _, _, scores in chosen) for metric in METRICS]
                chars = fmean(length for _, length, _ in chosen)
                self.stdout.write(
                    f"{name:<24}{subset:<8}{len(chosen):>4}"
                    + "".join(f"{mean:>9.3f}" for mean in means)
                    + f"{chars:>7.0f}"
                )
