"""PDF sniffing, text extraction, its clear errors, and mapping sections to pages."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from assistant.errors import CorruptDocumentError, EncryptedPdfError, ScannedPdfError
from assistant.model import AgendaItem, Meeting, Section, SectionKind
from ingest.readers.albertslund import PunktMinutesReader
from ingest.readers.pdf import PAGE_SEPARATOR, assign_pages, extract_pdf_text, is_pdf
from ingest.readers.registry import read_source
from ingest.source import SourceFile

FIXTURES = Path(__file__).parent.parent / "fixtures" / "pdf"
DANISH = FIXTURES / "chefforum-2024-04-10.pdf"
NIPISSING = FIXTURES / "Minutes-April-16-2024.pdf"
SCANNED = FIXTURES / "no-text-layer_stemmestyrets-motebok-hordvik-bergen-2019.pdf"
TEXT_LAYER = FIXTURES / "stemmestyrets-motebok-sylling-2019.pdf"


def source(path: Path) -> SourceFile:
    return SourceFile.from_path(path)


def encrypted(user_password: str) -> SourceFile:
    writer = PdfWriter(clone_from=PdfReader(NIPISSING))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return SourceFile("protected.pdf", buffer.getvalue())


def test_is_pdf_sniffs_content_not_name():
    data = NIPISSING.read_bytes()
    assert is_pdf(SourceFile("minutes.bin", data))
    assert is_pdf(SourceFile("bom.pdf", b"\xef\xbb\xbf\r\n" + data))
    assert not is_pdf(SourceFile("junk.pdf", b"\xef\xbb\xbfHTTP junk\r\n" * 20 + data))
    assert not is_pdf(SourceFile("late.pdf", b" " * 2000 + data))
    assert not is_pdf(SourceFile("notes.pdf", b"REFERAT Chefforum d. 10-04-2024\n"))


def test_a_text_that_mentions_the_pdf_header_is_read_as_text():
    # "%PDF-" in the first kilobyte used to make any file a (damaged) PDF
    text = (
        "REFERAT Chefforum d. 10-04-2024\n\nPunkt 1: Arkivformater\n\nBeslutning\n\n"
        "Filer der starter med %PDF-1.7 arkiveres som PDF/A.\n"
    )
    result = read_source(SourceFile("notes.txt", text.encode()))
    assert result.reader == "punkt-minutes"
    decision = result.meetings[0].items[0].sections[-1]
    assert decision.text == "Filer der starter med %PDF-1.7 arkiveres som PDF/A."


def test_danish_pdf_text_and_page_offsets():
    pdf = extract_pdf_text(source(DANISH))
    assert pdf.pages == 5
    assert pdf.page_offsets[0] == 0
    assert len(pdf.page_offsets) == 5
    assert pdf.text.startswith("REFERAT Chefforum d. 10-04-2024")
    assert "Kommunaldirektøren indstiller," in pdf.text
    page_2 = pdf.text[pdf.page_offsets[1] :]
    assert page_2.startswith("Punkt 2: CF - Ændringer i de tekniske indstillinger i Outlook")
    assert pdf.text[pdf.page_offsets[2] :].startswith("Punkt 3: CF - Lov om tidsregistrering")
    # Pages are joined by the separator, so every offset sits right after one.
    for offset in pdf.page_offsets[1:]:
        assert pdf.text[offset - len(PAGE_SEPARATOR) : offset] == PAGE_SEPARATOR
    assert pdf.page_at(pdf.page_offsets[1]) == 2
    assert pdf.page_at(pdf.page_offsets[1] - 1) == 1


def test_real_pdfs_keep_their_text():
    nipissing = extract_pdf_text(source(NIPISSING))
    assert nipissing.pages == 2
    assert "R2024-090 S. Foote, S. Kirkey:" in nipissing.text
    assert "declares the seat of one" in nipissing.text
    assert not any(line.endswith(" ") for line in nipissing.text.splitlines())
    norwegian = extract_pdf_text(source(TEXT_LAYER))
    assert "Krets: Sylling" in norwegian.text
    assert "Kommune: Lier" in norwegian.text
    assert "\x00" not in norwegian.text


def test_control_characters_are_stripped():
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Beslutning\x00: godkendt\x07 af udvalget og taget til efterretning")
    text = extract_pdf_text(SourceFile("control.pdf", bytes(pdf.output()))).text
    assert text == "Beslutning: godkendt af udvalget og taget til efterretning"


def test_scanned_pdf_asks_for_ocr():
    with pytest.raises(ScannedPdfError) as raised:
        extract_pdf_text(source(SCANNED))
    assert "5 pages" in str(raised.value)
    assert "OCR" in str(raised.value)
    assert str(raised.value).startswith(SCANNED.name)


def test_password_protected_pdf_is_refused():
    with pytest.raises(EncryptedPdfError, match="encrypted"):
        extract_pdf_text(encrypted("secret"))


def test_pdf_with_empty_user_password_is_read():
    # Only copying/printing is restricted: anyone can open it, so we read it.
    assert "R2024-097" in extract_pdf_text(encrypted("")).text


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_truncated_pdf_is_corrupt(tmp_path, keep, capsys):
    data = NIPISSING.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(CorruptDocumentError, match="damaged"):
        extract_pdf_text(source(path))
    # pypdf's own warnings must not reach the terminal on top of our one-line error.
    assert capsys.readouterr().err == ""
    assert logging.getLogger("pypdf").getEffectiveLevel() >= logging.ERROR


def test_pdf_without_pages_is_corrupt():
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    with pytest.raises(CorruptDocumentError, match="no pages"):
        extract_pdf_text(SourceFile("blank.pdf", buffer.getvalue()))


def test_garbage_after_header_is_corrupt():
    with pytest.raises(CorruptDocumentError):
        extract_pdf_text(SourceFile("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8))


def section(heading: str, text: str) -> Section:
    kind = SectionKind.DECISION if heading == "Beslutning" else SectionKind.OTHER
    return Section(kind=kind, heading=heading, text=text)


def test_assign_pages_follows_the_document_order():
    pdf = extract_pdf_text(source(DANISH))
    decided = "Chefforum tog orienteringen til efterretning."
    items = [
        AgendaItem(number="2", title="Outlook", sections=[section("Beslutning", decided)]),
        AgendaItem(
            number="3",
            title="Tidsregistrering",
            sections=[
                # Whitespace differs from the PDF text ("Der  er  den") on purpose.
                section("Anledning", "(20 min.)\nDer er den 23. januar 2024 vedtaget Lov om"),
                section("Beslutning", decided),  # same words as item 2, but on page 5
                section("Bilag", "Text that is nowhere in the document"),
            ],
        ),
    ]
    meeting = Meeting(source=DANISH.name, items=items)
    [paged] = assign_pages([meeting], pdf)
    assert paged.items[0].sections[0].page == 2
    assert (paged.items[0].page_start, paged.items[0].page_end) == (2, 2)
    pages = [s.page for s in paged.items[1].sections]
    assert pages == [3, 5, None]
    assert (paged.items[1].page_start, paged.items[1].page_end) == (3, 5)
    assert meeting.items[0].sections[0].page is None  # the input is not mutated


def test_assign_pages_end_page_from_the_sections_tail():
    pdf = extract_pdf_text(source(NIPISSING))
    text = (
        "R2024-091 S. Foote, D. Yemm:\nWHEREAS Council has identified a zoning non-compliant use"
        " of unopened lakeshore road allowance in front of Link’s Beach;"
    )
    spanning = "That we adopt the 2024 Capital Forecast as presented.  Carried."
    item = AgendaItem(
        number="R2024-091", title="x", sections=[section("R", text), section("R", spanning)]
    )
    [paged] = assign_pages([Meeting(source=NIPISSING.name, items=[item])], pdf)
    assert [s.page for s in paged.items[0].sections] == [1, 2]
    assert (paged.items[0].page_start, paged.items[0].page_end) == (1, 2)


def test_danish_pdf_end_to_end_through_the_registry():
    result = read_source(source(DANISH))
    assert result.reader == f"pdf+{PunktMinutesReader.label}"
    [meeting] = result.meetings
    assert meeting.body == "Chefforum"
    assert str(meeting.date) == "2024-04-10"
    assert [item.number for item in meeting.items] == ["1", "2", "3"]
    outlook = meeting.items[1]
    assert outlook.case_number == "00.01.00-A00-11-24"
    decision = next(s for s in outlook.sections if s.heading == "Beslutning")
    assert decision.text.startswith("Chefforum tog orienteringen til efterretning.")
    assert decision.page == 2
    assert (outlook.page_start, outlook.page_end) == (2, 2)
    assert (meeting.items[2].page_start, meeting.items[2].page_end) == (3, 5)


def test_scanned_pdf_through_the_registry_is_refused():
    with pytest.raises(ScannedPdfError, match="OCR"):
        read_source(source(SCANNED))
