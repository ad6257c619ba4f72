"""Spelling keys (core.spelling): real name pairs that must meet, near misses that must not."""

from __future__ import annotations

import pytest

from diaspora_cli.core.spelling import SEPARATOR, haystack, latin, loose, matches, needles, strict

# (as a user types it, as the dataset's English text writes it): each pair from the records, the
# issue's examples, or the places and people pages the curators cite.
MEET = [
    ("Rəsulzadə", "Rasulzade"),
    ("Resulzade", "Rasulzade"),  # Turkish
    ("Rasulzadeh", "Rasulzade"),
    ("Расулзаде", "Rasulzade"),
    ("Xocalı", "Khojaly"),
    ("Khojali", "Khojaly"),
    ("Ходжалы", "Khojaly"),
    ("Şəki", "Sheki"),
    ("Shaki", "Sheki"),
    ("Шеки", "Sheki"),
    ("Naxçıvan", "Nakhchivan"),
    ("Şuşa", "Shusha"),
    ("Шуша", "Shusha"),
    ("Heydər Əliyev", "Heydar Aliyev"),
    ("Heydar Aliev", "Heydar Aliyev"),
    ("Azərbaycan", "Azerbaijan"),
    ("Азербайджан", "Azerbaijan"),
    ("Azerbaidjan", "Azerbaijan"),  # French
    ("Gəncə", "Ganja"),
    ("Sumqayıt", "Sumgait"),
    ("Сумгаит", "Sumgait"),
    ("Topçubaşov", "Topchubashov"),
    ("Məmmədov", "Mammadov"),
    ("Mamedov", "Mammadov"),  # Russian-style transliteration
    ("Hüseynov", "Huseynov"),
    ("Гусейнов", "Guseynov"),
    ("Cəmil", "Jamil"),
    ("Qəbələ", "Gabala"),
    ("İsmayıl", "Ismayil"),
    ("Ismail", "Ismayil"),
    ("Баку", "Baku"),
    ("Türkiye", "Turkiye"),
    ("Ukrayna", "Ukraina"),
    ("Zeynalov", "Zeinalov"),
    ("Odessa", "Odesa"),
]

# Near misses: different places, people or words that must not find each other.
APART = [
    ("Iran", "Iraq"),
    ("Iraq", "Iran"),
    ("Armenia", "Armavir"),
    ("Armavir", "Armenia"),
    ("Austria", "Australia"),
    ("Shusha", "Shushi"),  # the Armenian name of the town is a name of its own, given as data
    ("Ganja", "Ganges"),
    ("Baku", "Bako"),
    ("men", "man"),  # short ASCII queries match only as typed
    ("Sumy", "Sumgait"),
    ("Mexico", "Mekhiko"),  # x is kh only in Azerbaijani words
    ("Caucasus", "Jaujasus"),  # c is j only in Azerbaijani words
    ("Aliyev", "Alizade"),
    ("Hasan", "Husein"),
    ("Georgia", "Gorgan"),
]


@pytest.mark.parametrize(("typed", "written"), MEET)
def test_spellings_of_one_name_meet(typed: str, written: str) -> None:
    assert matches(haystack(written), needles(typed)), (needles(typed), haystack(written))


@pytest.mark.parametrize(("typed", "written"), APART)
def test_near_misses_stay_apart(typed: str, written: str) -> None:
    assert not matches(haystack(written), needles(typed)), (needles(typed), haystack(written))


def test_rules_that_would_over_match_are_left_to_data() -> None:
    # These meet only through `names`/`aliases` of a place or person (see test_people.py).
    pairs = [("Bakı", "Baku"), ("Qarabağ", "Karabakh"), ("Топчибашев", "Topchubashov")]
    for typed, written in pairs:
        assert not matches(haystack(written), needles(typed)), typed
        assert matches(haystack(written, typed), needles(typed)), typed  # as an other-language name it does


def test_keys() -> None:
    assert strict("Баку") == strict("BAKU") == "baku"
    assert latin("Гейдар Алиев") == "Geydar Aliyev"  # English Wikipedia's romanisation
    assert latin("Baku") == "Baku"
    assert loose("Rəsulzadə") == loose("Resulzade") == loose("Расулзаде") == "rasulzada"
    assert needles("men") == ("men",)
    assert needles("Şuşa") == ("susa", "shusha")
    assert needles("   ") == ()
    assert SEPARATOR not in strict("a\x1fb".replace("\x1f", ""))


def test_short_ascii_queries_do_not_use_the_loose_key() -> None:
    assert len(needles("Baku")) == 1
    assert needles("Şəki") == ("seki", "shaki")  # not ASCII: the loose key too
    assert len(needles("Sheki")) == 2


def test_an_ascii_query_never_imports_iuliia() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom diaspora_cli.core.spelling import needles, haystack\n"
        "needles('Rasulzade'); haystack('Khojaly and Baku')\nprint('iuliia' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == (
        "False"
    )
