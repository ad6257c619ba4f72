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
  and "Caucasus" are English), Russian "dzh" as "j", a final "-eh" as "-e", y as i, e as a
  (Rasulzade/Resulzade, Sheki/Shaki, Azerbaijan/Azərbaycan), doubled letters once.

What the loose key does not merge on purpose: h and kh (Turkish Hocalı), g and h (Russian
Гейдар for Heydar), u and ı (Baku/Bakı), o and a. Those are spelt out as `names` and `aliases`
of the record, person or place instead (data, not rules), because as rules they would make
Iran match Iraq-like near misses. A plain ASCII query shorter than five letters is looked for by
its strict key only, so "men" does not find "man". tests/test_spelling.py holds the real name
pairs that must meet and the near misses that must not.
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
_AZ_MARKED = re.compile(r"[^\W\d_]*[əışçğ][^\W\d_]*")  # a word that is visibly Azerbaijani or Turkish
CYRILLIC = re.compile("[\u0400-\u04ff]")
_FINAL_EH = re.compile(r"eh\b")
_PAIRS = tuple((ch + ch, ch) for ch in "abcdefghijklmnopqrstuvwxyz")
_VOWELS = str.maketrans({"y": "i", "e": "a"})


def latin(text: str) -> str:
    """Russian Cyrillic as English-language sources romanise it ("Ходжалы" -> "Khodzhaly"); other text unchanged."""
    if not CYRILLIC.search(text):
        return text
    return _CYRILLIC_WORD.sub(lambda m: _latin_word(m.group(0)), text)


_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]+")


@lru_cache(maxsize=8192)
def _latin_word(word: str) -> str:
    # Word by word (iuliia's own unit: its rules look at a word's neighbours and ending), so
    # the English words of a mixed text are not walked letter by letter through its engine.
    import iuliia  # type: ignore[import-untyped]  # only for text with Cyrillic in it: never for an ASCII query

    return str(iuliia.WIKIPEDIA.translate(word))


def strict(text: str) -> str:
    """Case-, diacritic- and script-insensitive key: strict("Баку") == strict("BAKU") == "baku"."""
    return fold(latin(text))


def _az_word(match: re.Match[str]) -> str:
    return match.group(0).translate(_AZ_WORD)


def loose(text: str) -> str:
    """The key that merges transliteration variants: loose("Rəsulzadə") == loose("Resulzade").

    Every step is a C-level translate, replace or regex substitution over the whole text (100k
    events are keyed on a cold load); only words with Azerbaijani letters get a Python call.
    """
    text = latin(text).lower()
    if not text.isascii():
        text = _AZ_MARKED.sub(_az_word, text).translate(_AZ_COMMON)
    key = fold(text).replace("dzh", "j").replace("dj", "j")
    key = _FINAL_EH.sub("e", key).translate(_VOWELS)
    # Doubled letters once, with C-level replaces: a regex with a group in its replacement
    # expands the template in Python for every match (a third of a cold load's keying).
    for pair, single in _PAIRS:
        while pair in key:
            key = key.replace(pair, single)
    return key


SEPARATOR = "\x1f"  # between the strict and the loose key in a haystack; no query contains it


def haystack(text: str, extra: str = "") -> str:
    """What search looks in: the strict key of `text`, then the loose key of it and of `extra`
    (other-language names of what the record names, matched loosely only)."""
    both = f"{text}\n{extra}" if extra else text
    return strict(text) + SEPARATOR + loose(both)


LOOSE_FROM = 5  # letters: a shorter ASCII query matches only as written ("men" must not find "man")


@lru_cache(maxsize=256)
def needles(query: str) -> tuple[str, ...]:
    """The keys of a query to look for in a haystack: its strict key, and its loose key when the
    query is long enough or not plain ASCII (then "Şuşa" finds "Shusha"); never empty strings."""
    keys = [strict(query)]
    if not query.isascii() or sum(ch.isalpha() for ch in query) >= LOOSE_FROM:
        keys.append(loose(query))
    return tuple(dict.fromkeys(k for k in keys if k))


def matches(haystack_text: str, keys: tuple[str, ...]) -> bool:
    """True when any key of a query is in the haystack."""
    return any(key in haystack_text for key in keys)
