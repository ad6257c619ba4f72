"""PartialDate: parsing, precision, calendar checks and display."""

from __future__ import annotations

import datetime as dt

import pytest

from diaspora_cli.core.model import PartialDate, format_span


@pytest.mark.parametrize(
    ("text", "precision", "first", "last", "shown"),
    [
        ("2001", "year", dt.date(2001, 1, 1), dt.date(2001, 12, 31), "2001"),
        ("2001-02", "month", dt.date(2001, 2, 1), dt.date(2001, 2, 28), "2001-02"),
        ("2000-02", "month", dt.date(2000, 2, 1), dt.date(2000, 2, 29), "2000-02"),
        ("2001-12", "month", dt.date(2001, 12, 1), dt.date(2001, 12, 31), "2001-12"),
        ("2001-11-09", "day", dt.date(2001, 11, 9), dt.date(2001, 11, 9), "2001-11-09"),
        ("~1923", "year", dt.date(1923, 1, 1), dt.date(1923, 12, 31), "c. 1923"),
    ],
)
def test_parse_keeps_precision(text: str, precision: str, first: dt.date, last: dt.date, shown: str) -> None:
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.first_day() == first
    assert date.last_day() == last
    assert str(date) == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2001-02-30", "not a calendar day"),
        ("2001-13", "month 13 does not exist"),
        ("0999", "outside"),
        ("2200", "outside"),
        ("01-11-2001", "is not a date"),
        ("2001/11/09", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_parse_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)


def test_year_only_date_never_becomes_first_of_january() -> None:
    date = PartialDate.parse("2001")
    assert date.iso() == "2001"
    assert date.month is None and date.day is None


def test_format_span() -> None:
    assert format_span(PartialDate.parse("1989"), PartialDate.parse("1992")) == "1989–1992"
    assert format_span(PartialDate.parse("~1920"), None) == "c. 1920"
    assert format_span(PartialDate.parse("2001-11-09"), PartialDate.parse("2001-11-09")) == "2001-11-09"


def test_sort_key_orders_year_before_its_months() -> None:
    dates = [PartialDate.parse(t) for t in ("2001-11-09", "2001", "2001-06", "2000-12-31")]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == ["2000-12-31", "2001", "2001-06", "2001-11-09"]
