"""Word files: DOCX read by content with its headings and Word's list numbers as structure;
a Word 97 .doc gets a clear answer."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.text.paragraph import Paragraph

from assistant.errors import LegacyWordError, UnsupportedFormatError
from assistant.model import SectionKind
from ingest.readers.docx import blocks_text, docx_blocks
from ingest.readers.registry import read_source
from ingest.source import SourceFile
from tests.support.esdh import ACADRE

FILES = ACADRE / "Files_1863_3687982"
# numId of the "List Number" list in python-docx's default template (decimal, "%1.")
LIST_NUMBER = 5


def _numbered(paragraph: Paragraph) -> None:
    """Numbered by Word (the number is drawn, not typed), as numbered heading styles do."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = LIST_NUMBER
    num_pr.get_or_add_ilvl().val = 0


def _minutes() -> bytes:
    document = docx.Document()
    document.add_paragraph("REFERAT")
    document.add_paragraph("Økonomiudvalget, mødet den 3. marts 2025 kl. 16.00")
    items = [
        ("Godkendelse af dagsorden", "25-000101", "Dagsordenen blev godkendt."),
        ("Budgetopfølgning 1. kvartal", "25-000123", "Udvalget tog opfølgningen til efterretning."),
    ]
    for title, case, decision in items:
        _numbered(document.add_heading(title, level=1))
        document.add_paragraph(f"Sagsnr.: {case}")
        document.add_heading("Indstilling", level=2)
        document.add_paragraph("Direktionen indstiller, at sagen godkendes.")
        document.add_heading("Beslutning", level=2)
        document.add_paragraph(decision)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def test_numbered_headings_are_items_and_lower_headings_their_sections() -> None:
    result = read_source(SourceFile("referat.docx", _minutes()))
    assert result.reader == "docx"
    [meeting] = result.meetings
    assert meeting.date == dt.date(2025, 3, 3)
    assert [(i.number, i.title, i.case_number) for i in meeting.items] == [
        ("1", "Godkendelse af dagsorden", "25-000101"),
        ("2", "Budgetopfølgning 1. kvartal", "25-000123"),
    ]
    second = meeting.items[1]
    assert [(s.kind, s.heading, s.text) for s in second.sections] == [
        (SectionKind.RECOMMENDATION, "Indstilling", "Direktionen indstiller, at sagen godkendes."),
        (SectionKind.DECISION, "Beslutning", "Udvalget tog opfølgningen til efterretning."),
    ]


def test_a_cover_line_with_a_date_is_not_taken_for_the_body() -> None:
    [meeting] = read_source(SourceFile("referat.docx", _minutes())).meetings
    assert meeting.body is None  # "Økonomiudvalget, mødet den 3. marts 2025 …" is no name alone


def test_referat_for_a_body_on_one_line_names_it() -> None:
    document = docx.Document(io.BytesIO(_minutes()))
    document.paragraphs[0].text = "Referat for Byrådet"
    data = io.BytesIO()
    document.save(data)
    [meeting] = read_source(SourceFile("referat.docx", data.getvalue())).meetings
    assert meeting.body == "Byrådet"


def test_real_acadre_minutes_are_found_by_content_whatever_the_name() -> None:
    data = (FILES / "Ekstraordinært PUK.docx").read_bytes()
    result = read_source(SourceFile("referat-puk.bin", data))
    assert result.reader == "docx"
    [meeting] = result.meetings
    assert meeting.date == dt.date(2013, 6, 20)  # "Torsdag den 20. juni 2013" on the cover
    assert meeting.body == "Udvalget for plan, udvikling og kultur (PUK)"  # under "Referat"
    [item] = meeting.items
    assert (item.number, item.title) == ("715", "Kulturkommune 2017. Politiske fokusområder")
    assert item.case_number == "12/27845"
    kinds = {s.heading: s.kind for s in item.sections}
    assert kinds["Resumé"] is SectionKind.SUMMARY
    assert kinds["Indstilling"] is SectionKind.RECOMMENDATION
    decided = "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den"
    assert kinds[f"{decided} 20-06-2013"] is SectionKind.DECISION
    assert kinds[f"{decided} 10-04-2013"] is SectionKind.HISTORY  # an earlier meeting's
    # Word's bullets are kept in the text; the signature page is not an item's text
    text = item.full_text()
    assert "• Hvad vil du gerne have opnået i 2017?" in text
    assert "Underskriftsside" not in text


def test_a_docx_that_is_no_minutes_keeps_its_headings_and_list_numbers() -> None:
    source = SourceFile.from_path(FILES / "3525829E1.DOCX")
    result = read_source(source)
    assert result.reader.startswith("docx+")  # handed to the text readers
    [meeting] = result.meetings
    assert "Perspektivering" in [s.heading for i in meeting.items for s in i.sections]
    text = blocks_text(docx_blocks(source))
    # the numbers and bullets Word draws are not in the paragraphs' text, yet kept
    assert "\n\n1. Hvad er en kulturkommune?\n\n2. Hvilken forskel gør det" in text
    assert "\n\n• Byrådsmedlemmerne blev opfordret til at invitere en gæst" in text


def test_headings_of_a_docx_become_markdown_headings_for_the_text_readers() -> None:
    document = docx.Document()
    document.add_heading("Notat om skolestruktur", level=1)
    document.add_heading("Baggrund", level=2)
    document.add_paragraph("Skolerne i nord har færre elever end før.")
    document.add_heading("Vurdering", level=2)
    document.add_paragraph("En sammenlægning sparer 2 mio. kr. om året.")
    data = io.BytesIO()
    document.save(data)
    source = SourceFile("notat.docx", data.getvalue())
    assert blocks_text(docx_blocks(source)).startswith("# Notat om skolestruktur\n\n## Baggrund")
    [meeting] = read_source(source).meetings
    [item] = meeting.items
    assert item.title == "Notat om skolestruktur"
    assert [(s.heading, s.text) for s in item.sections] == [
        ("Baggrund", "Skolerne i nord har færre elever end før."),
        ("Vurdering", "En sammenlægning sparer 2 mio. kr. om året."),
    ]


def test_a_word_97_file_gets_a_clear_reason_whatever_its_name() -> None:
    data = (FILES / "2531342E2.DOC").read_bytes()
    for name in ("2531342E2.DOC", "politik.pdf"):
        with pytest.raises(LegacyWordError) as raised:
            read_source(SourceFile(name, data))
        assert "Word 97 file (.doc)" in raised.value.reason
        assert "save it as DOCX or PDF" in raised.value.reason


def test_other_zips_keep_their_message() -> None:
    sheet = io.BytesIO()
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormatError) as raised:
        read_source(SourceFile("budget.docx", sheet.getvalue()))
    assert "ZIP/Office document other than Word" in raised.value.reason
