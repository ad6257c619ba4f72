"""Spelling keys: the same name written in Azerbaijani Latin, English, Turkish or Russian Cyrillic
folds to one key, so that "Rəsulzadə", "Rasulzade", "Resulzade" and "Расулзаде" find each other.

Two keys per text, both kept in the search haystack:

- `strict`: `text.fold` (case, diacritics, normalisation) after Russian Cyrillic is written in
  Latin letters the way English-language sources do (Wikipedia's romanisation, via `iuliia`):
  "Баку" -> "baku". A substring of it is what search always matched.
- `loose`: the strict key with the spelling differences between Azerbaijani Latin, its English
  and Turkish transliterations and Russian romanisation taken out, word by word:
  Azerbaijani letters as English writes them (ə a, x kh, q g, c j, ş sh, ç ch, ğ gh; x, q and c
  only in a word that is visibly Azerbaijani or Turkish, i.e. has ə ı ş ç or ğ, since "Mexico"
  and "Caucasus" are English), Russian "dzh" as "j", y as i, doubled letters once, a final
  "-eh" as "-e", and in words of five letters or more e as a (Rasulzade/Resulzade,
  Sheki/Shaki, Azerbaijan/Azərbaycan).

What the loose key does not merge on purpose: h and kh (Turkish Hocalı), g and h (Russian
Гейдар for Heydar), u and ı (Baku/Bakı), o and a. Those are spelt out as `names` and `aliases`
of the record, person or place instead (data, not rules), because as rules they would make
Iran match Iraq-like near misses. Short words (under five letters) keep e and a apart, so "men"
does not find "man". tests/test_spelling.py holds the real name pairs that must meet and the
near misses that must not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from diaspora_cli.core.text import fold

# Azerbaijani (and Turkish) letters as English-language sources transliterate them. Applied to
# the lower-cased text before `fold` strips diacritics, which would turn ş into s and ə into e.
_AZ_COMMON = str.maketrans({"ə": "a", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "gh", "ö": "o", "ü": "u"})
# Letters that mean another sound only in Azerbaijani words (Xocalı, Qəbələ, Gəncə).
_AZ_WORD = str.maketrans({"x": "kh", "q": "g", "c": "j"})
_AZ_MARKERS = frozenset("əışçğ")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")  # runs of letters, in any script
_DOUBLE = re.compile(r"([a-z])\1+")
# Each step of the loose key, in order; written as (pattern, replacement) so the test can name them.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("dzh|dj"), "j"),  # Russian and French romanisation of дж / c: Khodzhaly, Djalil
    (re.compile("y"), "i"),  # Khojaly/Khojali, Aliyev/Aliev, Heydar/Heidar
    (re.compile(r"eh\b"), "e"),  # Rasulzadeh
)


def latin(text: str) -> str:
    """Russian Cyrillic as English-language sources romanise it ("Ходжалы" -> "Khodzhaly"); other text unchanged."""
    if not _CYRILLIC.search(text):
        return text
    import iuliia  # type: ignore[import-untyped]  # only for text with Cyrillic in it: never on the start-up path of an ASCII query

    return str(iuliia.WIKIPEDIA.translate(text))


def strict(text: str) -> str:
    """Case-, diacritic- and script-insensitive key: strict("Баку") == strict("BAKU") == "baku"."""
    return fold(latin(text))


def _az_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if _AZ_MARKERS.isdisjoint(word):
        return word.translate(_AZ_COMMON)
    return word.translate(_AZ_WORD).translate(_AZ_COMMON)


@lru_cache(maxsize=4096)
def _loose_word(word: str) -> str:
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    if len(word) >= 5:
        word = word.replace("e", "a")
    return _DOUBLE.sub(r"\1", word)


def loose(text: str) -> str:
    """The key that merges transliteration variants: loose("Rəsulzadə") == loose("Resulzade")."""
    lowered = _WORD.sub(_az_word, latin(text).lower())
    folded = fold(lowered)
    return _WORD.sub(lambda m: _loose_word(m.group(0)), folded)


SEPARATOR = "\x1f"  # between the strict and the loose key in a haystack; no query contains it


def haystack(text: str, extra: str = "") -> str:
    """What search looks in: the strict key of `text`, then the loose key of it and of `extra`
    (other-language names of what the record names, matched loosely only)."""
    both = f"{text}\n{extra}" if extra else text
    return strict(text) + SEPARATOR + loose(both)


def needles(query: str) -> tuple[str, ...]:
    """The keys of a query to look for in a haystack (one or two distinct strings, never empty ones)."""
    keys = []
    for key in (strict(query), loose(query)):
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


def matches(haystack_text: str, keys: tuple[str, ...]) -> bool:
    """True when any key of a query is in the haystack."""
    return any(key in haystack_text for key in keys)
