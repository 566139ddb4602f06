"""Dates as written in Danish, Norwegian and English text."""

import datetime as dt

import pytest

from ingest.dates import find_date, find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10-04-2024", dt.date(2024, 4, 10)),
        ("10.04.2024", dt.date(2024, 4, 10)),
        ("10/04/2024", dt.date(2024, 4, 10)),
        ("2024-04-10", dt.date(2024, 4, 10)),
        ("11.12.2025", dt.date(2025, 12, 11)),
        ("10. april 2024", dt.date(2024, 4, 10)),
        ("d. 16. januar 2020", dt.date(2020, 1, 16)),
        ("Onsdag d. 10. april 2024 kl. 09:00", dt.date(2024, 4, 10)),
        ("den 20. marts 2024", dt.date(2024, 3, 20)),
        ("20. mars 2024", dt.date(2024, 3, 20)),
        ("13. maj 2020", dt.date(2020, 5, 13)),
        ("17. mai 2020", dt.date(2020, 5, 17)),
        ("Mandag 9. september 2019", dt.date(2019, 9, 9)),
        ("1. desember 2019", dt.date(2019, 12, 1)),
        ("1. december 2019", dt.date(2019, 12, 1)),
        ("10. apr. 2024", dt.date(2024, 4, 10)),
        ("5 Oktober 2023", dt.date(2023, 10, 5)),
        ("April 10, 2024", dt.date(2024, 4, 10)),
        ("March 3rd 2023", dt.date(2023, 3, 3)),
    ],
)
def test_parse_date_accepts_written_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "31-02-2024",  # no such day
        "10.04-2024",  # mixed separators
        "09.00.00-G01-27-23",  # a journal number, not a date
        "10-04-24",  # two-digit years are not read
        "Mødet blev holdt 10-04-2024 i lokale 915",  # more than a date
        "Kommunestyrevalget 2019",
    ],
)
def test_parse_date_rejects_what_is_not_just_a_date(text):
    assert parse_date(text) is None


def test_find_date_returns_the_first_date_written():
    text = "Chefteammøde – 13. maj 2020. Opfølgning den 1. juni 2020 (01-07-2020)."
    assert find_date(text) == dt.date(2020, 5, 13)
    assert find_dates(text) == [dt.date(2020, 5, 13), dt.date(2020, 6, 1), dt.date(2020, 7, 1)]


def test_find_date_skips_journal_numbers_and_invalid_days():
    assert find_date("00.01.00-P35-7-23 og 31.02.2024, så 01.03.2024") == dt.date(2024, 3, 1)
    assert find_date("ingen dato her, kun 2019 og 09:00") is None


def test_find_date_on_norwegian_case_heading():
    text = "Formannskaps behandling av sak 87/2025 i møte den 11.12.2025"
    assert find_date(text) == dt.date(2025, 12, 11)
