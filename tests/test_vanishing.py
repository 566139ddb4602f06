"""An answer computed while a document is deleted skips what vanished: no 404, no citation of
an item that is no longer stored (issue 14: two `ask`s returned 404 during concurrent deletes)."""

from __future__ import annotations

from pathlib import Path

from assistant.answer import extractive
from assistant.embedder import Embedder
from assistant.question import Query
from assistant.search import rank, read
from tests.conftest import FIXTURES, archive_of

ALBERTSLUND_2024 = "002_e6b0dd0e402eadb9.txt"
ALBERTSLUND_2020 = "003_6885af5ed49430c5.txt"


def test_an_answer_skips_a_document_deleted_after_ranking(
    tmp_path: Path, embedder: Embedder, cache_dir: Path
) -> None:
    files = [FIXTURES / "seeds" / ALBERTSLUND_2024, FIXTURES / "seeds" / ALBERTSLUND_2020]
    with archive_of(tmp_path, embedder, cache_dir, files) as archive:
        view, question = read(archive, Query("Hvad blev der besluttet om miljøledelse?"))
        hits = rank(view, question, 5)
        assert {h.ref.source for h in hits[:2]} == {ALBERTSLUND_2024, ALBERTSLUND_2020}
        assert view.case("09.00.00-G01-27-23")  # the 2024 item's case, there before

        archive.delete(ALBERTSLUND_2024)  # another request deletes it mid-answer

        assert view.case("09.00.00-G01-27-23") == []  # vanished, not an error
        answer = extractive(view, question, hits)
        assert answer.found and "miljøledelsessystemet" in answer.answer
        assert {c.ref.source for c in answer.citations} == {ALBERTSLUND_2020}
        assert all(archive.holds_quote(c) for c in answer.citations)
