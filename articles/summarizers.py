"""The summary assistant: suggest a short plain-text summary of an article."""

# Russian copy is half of what this file handles, so Cyrillic letters are not confusables.
# ruff: noqa: RUF001, RUF002, RUF003

import http.client
import json
import math
import re
import time
import urllib.error
import urllib.request
from collections import Counter
from html import unescape

from django.conf import settings
from django.utils.html import strip_tags

DEFAULT_MAX_CHARS = 600
DEFAULT_TIMEOUT = 20.0
DEFAULT_RETRIES = 2
DEFAULT_PROMPT = (
    "You are an editor at a news site. Summarize the article the user sends in {language}, "
    "in 2-3 sentences of plain text and at most {max_chars} characters in total. "
    "Use only facts stated in the article and add nothing that is not in it. "
    "Reply with the summary alone: no title, no introduction, no Markdown and no HTML."
)
LANGUAGE_NAMES = {"en": "English", "ru": "Russian"}


class SummarizerError(Exception):
    """A summary could not be produced; the message tells an editor why."""


# Sentence splitting ------------------------------------------------------------------------------

# A candidate boundary: terminal punctuation, any closing quotes or brackets, then whitespace.
# Decimals ("3.5", "2,5") never match because no whitespace follows their separator.
_BOUNDARY_RE = re.compile(r"([.!?…]+)([\"'»”’)\]]*)\s+")
_OPENERS = "\"'«“„‘([—–-"
_NUMBER_RE = re.compile(r"^(?:\d[\d.,]*|[IVXLCDM]+)$")

# Abbreviations that precede a name, a place or a clause, so a period after them rarely ends a
# sentence even before a capital ("Dr. Voss", "г. Москва", "U.S. Senate", "им. Пушкина").
# Ones that often end a sentence ("etc.", "т.д.", "Inc.") are left out on purpose: they split
# when a capital follows and stay joined when a lowercase word does.
_NEVER_FINAL = frozenset(
    """
    mr mrs ms messrs dr prof rev hon st mt ft gen col maj capt cmdr adm lt sgt gov sen rep pres
    supt insp e.g i.e cf vs viz approx u.s u.k u.n u.s.a т.е т.к т.н т.ч напр им ул пр просп пер
    пл наб б-р обл р-н пос дер проф акад доц св ген ст см ср гр тов
    """.split(),  # noqa: SIM905 - a word list reads best as words
)
# Abbreviations that stay joined when a number follows ("No. 5", "Sept. 12", "рис. 3").
_BEFORE_NUMBER = frozenset(
    """
    no nos fig vol p pp ch art sec para eq jan feb mar apr jun jul aug sep sept oct nov dec кв
    стр рис табл гл д
    """.split(),  # noqa: SIM905 - a word list reads best as words
)
# "г." and "в." mean "year" and "century" after a number and may end a sentence there;
# elsewhere they abbreviate "город" and similar words that a name follows.
_AFTER_NUMBER = frozenset(["г", "гг", "в", "вв"])
# One-letter Russian abbreviations for a village, a settlement or a house, which a name follows.
_PLACE_LETTERS = frozenset(["с", "д", "п"])


def split_sentences(text, language="en"):
    """Split plain text into sentences, keeping abbreviations, initials and decimals intact."""
    # The rules for both languages always apply: Russian copy quotes Latin names and vice versa,
    # and no abbreviation of one language is a word of the other.
    sentences = []
    for block in _blocks(text):
        start = 0
        for match in _BOUNDARY_RE.finditer(block):
            if _ends_sentence(block, match):
                sentences.append(block[start : match.end()].strip())
                start = match.end()
        sentences.append(block[start:].strip())
    return [" ".join(sentence.split()) for sentence in sentences if sentence]


def _blocks(text):
    """Yield paragraphs and lines, which always end a sentence, joining lines that were wrapped."""
    for paragraph in re.split(r"\n\s*\n", text or ""):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        block = ""
        for line in lines:
            # A line starting in lowercase continues a hard-wrapped sentence.
            if block and not line[0].islower():
                yield block
                block = line
            else:
                block = f"{block} {line}" if block else line
        if block:
            yield block


def _ends_sentence(block, match):
    """Decide whether a candidate boundary really ends a sentence."""
    following = block[match.end() :].lstrip(_OPENERS + " \t")
    if following[:1].islower():
        return False
    if match.group(1) != "." or match.group(2):
        return True
    words = block[: match.start()].split()
    if not words:
        return True
    word = words[-1].lstrip(_OPENERS)
    key = word.lower()
    previous = words[-2] if len(words) > 1 else ""
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. R. Smith", "А. С. Пушкин"
    if key in _AFTER_NUMBER:
        return bool(_NUMBER_RE.match(previous))
    if key in _PLACE_LETTERS:
        # "д. Малые Ключи" names a village, but "и т. д. Потом" ends a sentence.
        return previous.lower() == "т."
    if key in _NEVER_FINAL:
        return False
    return not (key in _BEFORE_NUMBER and following[:1].isdigit())


# Tokens and stemming -----------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W_]+")

_RU_REFLEXIVE = ("ся", "сь")
_RU_ENDINGS = sorted(
    """
    иями ями ами ыми ими ого его ому ему ать ять ить еть уть ыть ешь ишь ете ите ают яют ует ает
    яет ов ев ам ям ах ях ая яя ое ее ые ие ый ий ой ую юю ых их ым им ом ем ей ою ею ия ья ье
    ью ию ии ет ит ут ют ат ят ла ло ли а я о е ы и у ю ь й
    """.split(),  # noqa: SIM905 - a word list reads best as words
    key=len,
    reverse=True,
)
_EN_ENDINGS = ("ations", "ation", "ments", "ment", "nesses", "ness", "ings", "ing", "edly", "ed")
_EN_DOUBLE_OK = frozenset("lsz")

STOPWORDS = frozenset(
    """
    a an the and or but if then than so as of at by for from in into on onto to with without
    about over under after before between through during up down out off again also just only
    very more most much many some any no not nor all each both few other such own same too can
    will would shall should could may might must do does did done doing be been being am is are
    was were have has had having i me my we our us you your he him his she her it its they them
    their this that these those there here what which who whom whose when where why how said
    says say s t one two new year years и в во не что он на я с со как а то все она так его но
    да ты к у же вы за бы по только ее её мне было вот от меня еще ещё нет о из ему теперь когда
    даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом
    себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто
    чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом
    один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об
    другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя
    впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно
    всю между это этих также который которая которые которого которой которых сказал сказала
    говорит год года лет
    """.split(),  # noqa: SIM905 - a word list reads best as words
)


def tokenize(text):
    """Lowercase Unicode word tokens, with "ё" folded into "е" as Russian copy mixes them."""
    return _WORD_RE.findall((text or "").lower().replace("ё", "е"))


def stem(word):
    """Strip a common inflectional ending from a Russian or English word; crude on purpose."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if "а" <= word[0] <= "я" or word[0] == "ё":
        return _stem_russian(word)
    if word.isascii():
        return _stem_english(word)
    return word


def _stem_russian(word):
    """Drop a reflexive particle, then the longest ending that leaves a stem of three letters."""
    for particle in _RU_REFLEXIVE:
        if word.endswith(particle) and len(word) - len(particle) >= 4:
            word = word[: -len(particle)]
            break
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _stem_english(word):
    """Fold plural, -ing/-ed and a few derivational endings so "closes" meets "closed"."""
    if word.endswith("ies") or word.endswith("ied"):
        return word[:-3] + "y" if len(word) > 4 else word
    if word.endswith("sses"):
        return word[:-2]
    for ending in _EN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            if ending in ("ing", "ings", "ed") and word[-1] == word[-2]:
                # "stopped" -> "stop", but "called" -> "call".
                word = word if word[-1] in _EN_DOUBLE_OK else word[:-1]
            break
    else:
        if (word.endswith("es") and word[-3] in "sxz") or word.endswith(("ches", "shes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        elif word.endswith("ly") and len(word) > 5:
            word = word[:-2]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_terms(text):
    """Stemmed words that carry meaning, for comparing sentences."""
    return [stem(token) for token in tokenize(text) if len(token) > 1 and token not in STOPWORDS]


# Extractive backend ------------------------------------------------------------------------------


class ExtractiveSummarizer:
    """Pick the most central sentences (TextRank over TF-IDF similarity); no network, no model."""

    name = "extractive"
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


def truncate(text, max_chars):
    """Cut text at a word boundary and mark the cut with an ellipsis."""
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + "…"


def fit_sentences(text, language, max_chars):
    """Keep the leading whole sentences of text that fit within max_chars, or "" if none does."""
    if len(text) <= max_chars:
        return text
    kept = ""
    for sentence in split_sentences(text, language):
        candidate = f"{kept} {sentence}" if kept else sentence
        if len(candidate) > max_chars:
            break
        kept = candidate
    return kept


# Cleaning model output ---------------------------------------------------------------------------

_SCRIPT_RE = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_BLOCK_TAG_RE = re.compile(
    r"(?i)</?(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|table|tr|section|article|header|footer|"
    r"aside|figure|figcaption|dl|dt|dd)\b[^>]*>|<hr\b[^>]*>"
)
_BR_RE = re.compile(r"(?i)<br\b[^>]*>")
_HTML_RE = re.compile(r"</?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_MARKDOWN = [
    (re.compile(r"```[\w-]*"), ""),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1", re.S), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", re.S), r"\1"),
    (re.compile(r"~~(.+?)~~", re.S), r"\1"),
    # Headings, block quotes and list markers at the start of a line.
    (re.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+•][ \t]+|\d{1,2}[.)][ \t]+)"), ""),
]
_LABEL_RE = re.compile(
    r"^(?:here(?:'s|’s| is)\b[^:\n]{0,80}:"
    r"|(?:summary|tl;?dr|резюме|краткое содержание|кратко|аннотация)[ \t]*[:：—–-])\s*",
    re.IGNORECASE,
)
_QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”", "'": "'"}


def html_to_text(html):
    """Turn article HTML into plain text with one paragraph per blank-line-separated block."""
    if not html:
        return ""
    # Whitespace in HTML source means nothing; blocks and <br> are what break lines.
    text = " ".join(_SCRIPT_RE.sub(" ", html).split())
    text = _BR_RE.sub("\n", _BLOCK_TAG_RE.sub("\n\n", text))
    text = unescape(strip_tags(text))
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_summary(text):
    """Reduce a model's answer to plain text: no HTML, Markdown, label or wrapping quotes."""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    if _HTML_RE.search(text):
        text = html_to_text(text)
    text = " ".join(text.split())
    for _ in range(2):
        text = _LABEL_RE.sub("", text, count=1)
    if len(text) > 1 and _QUOTE_PAIRS.get(text[0]) == text[-1]:
        inner = text[1:-1]
        if text[0] not in inner and text[-1] not in inner:
            text = inner.strip()
    return text


# OpenAI-compatible backend -----------------------------------------------------------------------


class OpenAISummarizer:
    """Ask an OpenAI-compatible chat completions endpoint for a summary."""

    def __init__(
        self,
        *,
        base_url,
        model,
        api_key="",
        timeout=DEFAULT_TIMEOUT,
        retries=DEFAULT_RETRIES,
        prompt=DEFAULT_PROMPT,
        max_chars=DEFAULT_MAX_CHARS,
        backoff=0.5,
    ):
        if not base_url:
            raise SummarizerError("The OpenAI summarizer needs a base URL (SUMMARIZER_BASE_URL).")
        if not model:
            raise SummarizerError("The OpenAI summarizer needs a model name (SUMMARIZER_MODEL).")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.retries = max(0, retries)
        self.prompt = prompt or DEFAULT_PROMPT
        self.max_chars = max_chars
        self.backoff = backoff
        self.name = f"openai:{model}"

    def summarize(self, text, *, language, max_chars=None):
        """Return the model's summary as plain text within max_chars, or raise SummarizerError."""
        limit = self.max_chars if max_chars is None else max_chars
        if limit < 1:
            raise ValueError("max_chars must be positive.")
        text = text.strip()
        if not text:
            return ""
        data = self._post(self._payload(text, language, limit))
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            content = None
        if not isinstance(content, str):
            raise SummarizerError(
                f"The summarizer at {self.url} answered without choices[0].message.content."
            )
        summary = clean_summary(content)
        if not summary:
            raise SummarizerError(f"The summarizer at {self.url} returned an empty summary.")
        fitted = fit_sentences(summary, language, limit)
        if not fitted:
            raise SummarizerError(
                f"The summarizer's answer is {len(summary)} characters long and not even its "
                f"first sentence fits within {limit}."
            )
        return fitted

    def _payload(self, text, language, limit):
        """The chat request: the prompt as the system message, the article as the user's."""
        prompt = self.prompt.replace("{language}", LANGUAGE_NAMES.get(language, language)).replace(
            "{max_chars}", str(limit)
        )
        return {
            "model": self.model,
            "messages": [
                {"role": "system", "content": prompt},
                {"role": "user", "content": text},
            ],
        }

    def _post(self, payload):
        """POST with retries and exponential backoff on network errors, timeouts, 429 and 5xx."""
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        attempts = self.retries + 1
        for attempt in range(attempts):
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    raw = response.read()
                break
            except urllib.error.HTTPError as error:
                problem = f"answered HTTP {error.code}{_error_detail(error)}"
                if error.code != 429 and error.code < 500:
                    raise SummarizerError(f"The summarizer at {self.url} {problem}.") from error
            except TimeoutError:
                problem = f"did not answer within {self.timeout:g} s"
            except urllib.error.URLError as error:
                if isinstance(error.reason, TimeoutError):
                    problem = f"did not answer within {self.timeout:g} s"
                else:
                    problem = f"is unreachable ({error.reason})"
            except (http.client.HTTPException, OSError) as error:
                problem = f"dropped the connection ({error.__class__.__name__}: {error})"
            if attempt + 1 < attempts:
                time.sleep(self.backoff * 2**attempt)
        else:
            tries = "attempt" if attempts == 1 else "attempts"
            raise SummarizerError(f"The summarizer at {self.url} {problem} ({attempts} {tries}).")
        try:
            return json.loads(raw)
        except ValueError as error:
            snippet = raw[:200].decode("utf-8", "replace")
            raise SummarizerError(
                f"The summarizer at {self.url} returned malformed JSON: {snippet!r}"
            ) from error


def _error_detail(error):
    """The service's own error message, if its body carries one, to make a status explain itself."""
    try:
        raw = error.read(2000)
    except OSError:
        return ""
    try:
        message = json.loads(raw)["error"]
        message = message.get("message", message) if isinstance(message, dict) else message
    except (ValueError, KeyError, TypeError):
        message = raw.decode("utf-8", "replace")
    message = " ".join(str(message).split())[:200]
    return f": {message}" if message else ""


# Choosing a backend ------------------------------------------------------------------------------


def get_summarizer():
    """Build the backend that settings.SUMMARIZER names; the extractive one by default."""
    config = getattr(settings, "SUMMARIZER", None) or {}
    max_chars = int(getattr(settings, "SUMMARY_MAX_LENGTH", None) or DEFAULT_MAX_CHARS)
    backend = str(config.get("BACKEND") or "extractive").strip().lower()
    if backend == "extractive":
        return ExtractiveSummarizer(max_chars=max_chars)
    if backend == "openai":
        retries = config.get("RETRIES")
        return OpenAISummarizer(
            base_url=config.get("BASE_URL") or "",
            model=config.get("MODEL") or "",
            api_key=config.get("API_KEY") or "",
            timeout=float(config.get("TIMEOUT") or DEFAULT_TIMEOUT),
            retries=DEFAULT_RETRIES if retries in (None, "") else int(retries),
            prompt=config.get("PROMPT") or DEFAULT_PROMPT,
            max_chars=max_chars,
        )
    raise SummarizerError(f"Unknown summarizer backend {backend!r}: use 'extractive' or 'openai'.")
