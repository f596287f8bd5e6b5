"""The built-in summarizer: the most central sentences of the article, with no network and no model."""

import math
from collections import Counter

from assistant.summarizers.base import DEFAULT_MAX_CHARS
from assistant.summarizers.text import content_terms, split_sentences, tokenize, truncate


class ExtractiveSummarizer:
    """Pick the most central sentences (TextRank over TF-IDF similarity); no network, no model."""

    name = "extractive"
    # Local work only; this bounds it generously for the task's time budget (assistant/tasks.py).
    worst_case_seconds = 30.0
    # Past this many sentences the quadratic graph stops being fast; news puts what matters first.
    max_graph_sentences = 400
    min_words = 4
    damping = 0.85
    redundancy = 0.5

    def __init__(self, *, max_chars=DEFAULT_MAX_CHARS, max_sentences=3, lead_bias=1.0):
        self.max_chars = max_chars
        self.max_sentences = max_sentences
        # Teleport probability for sentence i is proportional to 1 / (i + 1) ** lead_bias:
        # news is written lead first (as in PositionRank); 0 gives classic, uniform TextRank.
        self.lead_bias = lead_bias

    def summarize(self, text, *, language, max_chars=None):
        """Return up to `max_sentences` central sentences, in article order, within max_chars."""
        limit = self.max_chars if max_chars is None else max_chars
        if limit < 1:
            raise ValueError("max_chars must be positive.")
        sentences = split_sentences(text, language)[: self.max_graph_sentences]
        if not sentences:
            return ""
        if len(sentences) == 1:
            return truncate(sentences[0], limit)
        terms = [content_terms(sentence) for sentence in sentences]
        vectors = _tfidf_vectors(terms)
        scores = self.rank(vectors)
        wanted = self._sentence_count(len(sentences))
        eligible = [i for i, s in enumerate(sentences) if len(tokenize(s)) >= self.min_words]
        ranked = sorted(eligible or range(len(sentences)), key=lambda i: (-scores[i], i))
        chosen, used = [], 0
        for i in ranked:
            if len(chosen) == wanted:
                break
            extra = len(sentences[i]) + (1 if chosen else 0)
            if used + extra > limit:
                continue
            if any(_cosine(vectors[i], vectors[j]) > self.redundancy for j in chosen):
                continue
            chosen.append(i)
            used += extra
        if not chosen:
            return truncate(sentences[ranked[0]], limit)
        return " ".join(sentences[i] for i in sorted(chosen))

    def rank(self, vectors):
        """Score sentences by PageRank over their similarity graph, biased towards the lead."""
        n = len(vectors)
        prior = [1 / (i + 1) ** self.lead_bias for i in range(n)]
        total = sum(prior)
        prior = [p / total for p in prior]
        edges = [[] for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                weight = _cosine(vectors[i], vectors[j])
                if weight > 0:
                    edges[i].append((j, weight))
                    edges[j].append((i, weight))
        out_weight = [sum(weight for _, weight in row) for row in edges]
        scores = prior[:]
        for _ in range(100):
            dangling = sum(scores[i] for i in range(n) if not out_weight[i])
            fresh = [(1 - self.damping + self.damping * dangling) * p for p in prior]
            for i, row in enumerate(edges):
                if out_weight[i]:
                    share = self.damping * scores[i] / out_weight[i]
                    for j, weight in row:
                        fresh[j] += share * weight
            delta = sum(abs(a - b) for a, b in zip(fresh, scores, strict=True))
            scores = fresh
            if delta < 1e-9:
                break
        return scores

    def _sentence_count(self, available):
        """Fewer sentences for short texts, so a summary never restates the whole article."""
        if available <= 4:
            return 1
        if available <= 8:
            return min(2, self.max_sentences)
        return self.max_sentences


def _tfidf_vectors(term_lists):
    """Unit-length TF-IDF vectors, one per sentence, with IDF taken within the article."""
    n = len(term_lists)
    document_frequency = Counter()
    for terms in term_lists:
        document_frequency.update(dict.fromkeys(terms, 1))
    vectors = []
    for terms in term_lists:
        weights = {
            term: count * (math.log((n + 1) / (document_frequency[term] + 1)) + 1)
            for term, count in Counter(terms).items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({term: w / norm for term, w in weights.items()})
    return vectors


def _cosine(a, b):
    """Dot product of two unit vectors, iterating in insertion order so sums are reproducible."""
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b[term] for term, weight in a.items() if term in b)
