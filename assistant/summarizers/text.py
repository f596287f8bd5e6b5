"""Language processing for Russian and English news copy: sentences, words, stems, cut to length."""

# Russian copy is half of what this file handles, so Cyrillic letters are not confusables.
# ruff: noqa: RUF001, RUF002, RUF003

import re

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
