"""The cross-validated choice of an answering constant scores outcomes as `referat eval` does."""

from __future__ import annotations

import math

from bench.constant_cv import Outcome, figures, fold_line, right


def test_an_outcome_is_right_when_answered_holding_the_fact_or_refused_when_unanswerable() -> None:
    assert right(("fact", True, True))
    assert right(("decision", True, None))  # nothing listed to contain: found is enough
    assert not right(("fact", True, False))  # another passage quoted
    assert not right(("fact", False, False))  # refused
    assert right(("none", False, None)) and not right(("none", True, None))


def test_figures_are_shares_of_their_own_questions() -> None:
    rows: list[Outcome] = [
        ("fact", True, True),
        ("fact", False, False),
        ("none", True, None),
        ("none", False, None),
    ]
    refused, abstained, held = figures(rows)
    assert (refused, abstained, held) == (0.5, 0.5, 0.5)
    # a fold without a `none` question has no abstention to report
    assert math.isnan(figures([("fact", True, True)])[1])


def test_a_fold_line_marks_a_share_of_nothing() -> None:
    assert fold_line((0.05, float("nan"), 0.8125)) == "0.05/-/0.81"


def test_an_answer_holds_the_fact_when_it_holds_every_fragment_listed() -> None:
    from assistant.evaluation import EvalQuestion

    question = EvalQuestion(id="x", q="Hvor mange?", answer_contains=["12 Pladser", "2024"])
    assert question.contained_in("Botilbuddet får 12 pladser fra august 2024.") is True
    assert question.contained_in("Botilbuddet får 12 pladser.") is False
    assert EvalQuestion(id="y", q="Hvem?").contained_in("Jens Olsen") is None
