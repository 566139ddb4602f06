"""Export XML is parsed as XML, hardened: no entity expansion, no external references, no
file outside the export's folder; XML that is no export is refused, not read as tag soup."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import CorruptDocumentError, UnsafeXmlError, UnsupportedFormatError
from ingest.pipeline import IngestReport, discover
from ingest.readers.registry import read_source
from ingest.source import SourceFile

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Publication [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Publication><PublishedBy/><Agendas><Agenda><Name>&secret;</Name></Agenda></Agendas>
</Publication>"""

LAUGHS = "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
)  # 10^9 "lol"s once expanded
BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE Meeting [<!ENTITY lol0 "lol">{LAUGHS}]>
<Meeting><Committee>&lol9;</Committee><MeetingDate>04-12-2012 13:00:00</MeetingDate>
</Meeting>""".encode()


def _edoc(pdf: str) -> bytes:
    return f"""<?xml version="1.0"?>
<Meeting><Committee>Økonomiudvalget</Committee><MeetingDate>04-12-2012 13:00:00</MeetingDate>
<MeetingAgendaTypes><MeetingAgendaType><AgendaType>Åben dagsorden</AgendaType>
<MeetingAgendaItems><MeetingAgendaItem><AgendaItemNumber>1</AgendaItemNumber>
<PDFDocument>{pdf}</PDFDocument><Document><Title>Budget</Title></Document>
<FullText>1.\tBudget\n\nIndstilling\nAt budgettet godkendes.</FullText>
</MeetingAgendaItem></MeetingAgendaItems></MeetingAgendaType></MeetingAgendaTypes>
</Meeting>""".encode()


def test_an_external_entity_is_refused_and_never_read() -> None:
    with pytest.raises(UnsafeXmlError) as raised:
        read_source(SourceFile("Publication9.xml", EXTERNAL_ENTITY))
    reason = raised.value.reason
    assert "declares the entity 'secret'" in reason and "never expands or fetches" in reason
    assert "root:" not in reason


def test_a_billion_laughs_is_refused_before_it_expands() -> None:
    with pytest.raises(UnsafeXmlError) as raised:
        read_source(SourceFile("eDocAgendaPublishing.xml", BILLION_LAUGHS))
    assert "declares the entity 'lol0'" in raised.value.reason
    assert "without a DOCTYPE" in raised.value.reason


def test_a_hostile_export_in_a_folder_is_reported_not_crashing_discovery(tmp_path: Path) -> None:
    (tmp_path / "eDocAgendaPublishing.xml").write_bytes(BILLION_LAUGHS)
    files = discover([tmp_path], IngestReport())
    assert files == [tmp_path / "eDocAgendaPublishing.xml"]
    assert SourceFile.from_path(files[0]).companions == ()


def test_an_export_cannot_pull_in_files_outside_its_folder(tmp_path: Path) -> None:
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 not for the archive")
    export = tmp_path / "export"
    export.mkdir()
    (export / "eDocAgendaPublishing.xml").write_bytes(_edoc("..\\secret.pdf"))
    source = SourceFile.from_path(export / "eDocAgendaPublishing.xml")
    assert source.companions == ()
    [meeting] = read_source(source).meetings
    [item] = meeting.items  # read from the XML's own text instead
    assert item.sections[0].text == "At budgettet godkendes."


def test_xml_that_is_no_export_is_refused_with_what_it_is() -> None:
    rss = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Referat</title></channel>'
    with pytest.raises(UnsupportedFormatError) as raised:
        read_source(SourceFile("feed.xml", rss))
    assert "XML with the root element <rss>" in raised.value.reason
    assert "eDoc, SBSYS and Acadre" in raised.value.reason


def test_a_broken_export_is_damaged() -> None:
    with pytest.raises(CorruptDocumentError) as raised:
        read_source(SourceFile("eDocAgendaPublishing.xml", _edoc("1.PDF")[:-20]))
    assert "not well-formed XML" in raised.value.reason
