"""ROUGE-1, ROUGE-2 and ROUGE-L F1 for Russian and English text.

The `rouge-score` package tokenizes on ASCII and drops Cyrillic, so this module tokenizes on
Unicode words and stems them with the summarizer's own light stemmer.
"""

from collections import Counter

from assistant.summarizers.text import stem, tokenize


def rouge_tokens(text):
    """Lowercased, stemmed Unicode word tokens."""
    return [stem(token) for token in tokenize(text)]


def _f1(overlap, candidate_total, reference_total):
    """F1 of precision overlap/candidate_total and recall overlap/reference_total."""
    if not overlap:
        return 0.0
    precision = overlap / candidate_total
    recall = overlap / reference_total
    return 2 * precision * recall / (precision + recall)


def _ngrams(tokens, n):
    """Counts of the n-grams in tokens."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate, reference, n):
    """ROUGE-N F1: clipped n-gram overlap between a candidate and a reference summary."""
    candidate_ngrams = _ngrams(rouge_tokens(candidate), n)
    reference_ngrams = _ngrams(rouge_tokens(reference), n)
    overlap = sum((candidate_ngrams & reference_ngrams).values())
    return _f1(overlap, candidate_ngrams.total(), reference_ngrams.total())


def lcs_length(a, b):
    """Length of the longest common subsequence of two token lists."""
    if len(b) > len(a):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for token in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if token == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(candidate, reference):
    """ROUGE-L F1: the longest common subsequence over the summary's tokens, as one sequence."""
    candidate_tokens = rouge_tokens(candidate)
    reference_tokens = rouge_tokens(reference)
    overlap = lcs_length(candidate_tokens, reference_tokens)
    return _f1(overlap, len(candidate_tokens), len(reference_tokens))


def rouge_scores(candidate, reference):
    """All three F1 scores, keyed as the rouge-score package names them."""
    return {
        "rouge1": rouge_n(candidate, reference, 1),
        "rouge2": rouge_n(candidate, reference, 2),
        "rougeL": rouge_l(candidate, reference),
    }
