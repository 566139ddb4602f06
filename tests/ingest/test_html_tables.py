"""HTML tables: a grid of values reads a row to a line; a table laying out prose reads as the
rest of the markup does (ingest.html)."""

from __future__ import annotations

from ingest.html import MAX_CELL, html_to_text, split_by_headings

# as the Greve portal writes a table: every cell a paragraph, the labels in bold spans
_VISITORS = """<p>Besøgstal Greve Museum:</p>
<table><tbody>
<tr><td><p><strong><span> Årstal </span></strong></p></td><td><p>2022</p></td>
<td><p>2023</p></td><td><p>2024</p></td></tr>
<tr><td><p><span><strong>Børn</strong></span></p></td><td><p>2.782</p></td>
<td><p>3.970</p></td><td><p>3.672</p></td></tr>
<tr><td><p><strong>I alt</strong></p></td><td><p>9.654</p></td><td><p>12.271</p></td>
<td><p>10.657</p><p></p></td><td></td></tr>
</tbody></table><p>Lovgrundlag</p>"""


def test_a_row_of_figures_stands_on_one_line_beside_its_label() -> None:
    text = html_to_text(_VISITORS)
    assert text == (
        "Besøgstal Greve Museum:\n\n"
        "Årstal 2022 2023 2024\nBørn 2.782 3.970 3.672\nI alt 9.654 12.271 10.657"
        "\n\nLovgrundlag"
    )


def test_a_cell_of_several_paragraphs_is_one_cell() -> None:
    text = html_to_text(
        "<table><tr><th>Projekt</th><th>Beløb</th></tr>"
        "<tr><td><p>Ny</p><p>legeplads</p></td><td>1,2 mio. kr.</td></tr></table>"
    )
    assert text == "Projekt Beløb\nNy legeplads 1,2 mio. kr."


def test_a_table_laying_out_prose_keeps_its_paragraphs() -> None:
    long = "Natteravnene har etableret flere hold. " * (MAX_CELL // 30)
    text = html_to_text(
        f"<table><tr><td><p>Status</p></td><td><p>{long}</p><p>Næste skridt.</p></td></tr>"
        "<tr><td>A</td><td>B</td></tr></table>"
    )
    assert text.startswith("Status\n") and "\nNæste skridt.\n" in text


def test_a_layout_table_is_read_as_before_and_a_grid_inside_it_by_rows() -> None:
    nested = html_to_text(
        "<table><tr><td><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr>"
        "</table></td></tr><tr><td>x</td></tr></table>"
    )
    assert nested == "1 2\n3 4\n\nx"
    one_row = html_to_text("<table><tr><td>Dato</td><td>12. maj</td></tr></table>")
    assert one_row == "Dato\n\n12. maj"


def test_a_table_holding_a_heading_still_splits_at_the_heading() -> None:
    sections = split_by_headings(
        "<table><tr><td><h3>Beslutning</h3></td><td>Godkendt</td></tr>"
        "<tr><td>a</td><td>b</td></tr></table>"
    )
    assert sections[0][0] == "Beslutning"
