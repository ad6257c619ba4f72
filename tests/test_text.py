"""fold(): one key for case, diacritics, normalisation and Azerbaijani/Turkish letters."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diaspora_cli.core.text import fold, neutralise


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("istanbul", "İstanbul"),
        ("ISTANBUL", "İstanbul"),
        ("ŞƏKİ", "Şəki"),
        ("seki", "Şəki"),
        ("turkiye", "Türkiye"),
        ("TÜRKİYE", "Türkiye"),
        ("azerbaycan", "Azərbaycan"),
        ("baki", "Bakı"),
        ("BAKI", "Bakı"),
        ("gurcustan", "Gürcüstan"),
    ],
)
def test_fold_matches(query: str, target: str) -> None:
    assert fold(query) == fold(target)


def test_fold_nfc_and_nfd_agree() -> None:
    word = "Şəki Gürcüstan"
    assert fold(unicodedata.normalize("NFD", word)) == fold(unicodedata.normalize("NFC", word))


def test_fold_ignores_zero_width_and_spacing() -> None:
    assert fold("Ş\u200bəki  \t region") == fold("Şəki region")


def test_fold_keeps_distinct_words_distinct() -> None:
    assert fold("Georgia") != fold("Germany")


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_ignores_normal_form(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@given(st.text(alphabet=st.sampled_from("aAiIİıəƏşŞçÇöÖüÜğĞ xyz")))
def test_fold_ignores_case_including_dotted_and_dotless_i(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred", "\\e[31mred"),
        ("\x1b]8;;http://x\x1b\\link", "\\e]8;;http://x\\e\\link"),
        ("a\u202eb", "a\\u202eb"),
        ("bell\x07", "bell\\x07"),
        ("c1\x9bX", "c1\\x9bX"),
        ("tab\there", "tab\\there"),
        ("plain [bold]text[/bold]", "plain [bold]text[/bold]"),
    ],
)
def test_neutralise(raw: str, shown: str) -> None:
    assert neutralise(raw) == shown


@given(st.text())
def test_neutralise_leaves_no_controls(text: str) -> None:
    safe = neutralise(text)
    assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in safe)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in safe)
