"""Whether an item holds a question's words: compounds glued in the question but not in the
minutes, and light verbs that frame a question rather than name its topic."""

from __future__ import annotations

from assistant.answer import _holds
from assistant.tokens import content_words, tokenize


def test_a_compound_the_minutes_write_as_two_words_is_held() -> None:
    # "Spejdernes Lejr 2026" answers a question about "spejderlejren"
    item = set(tokenize("Henvendelse vedr. Spejdernes Lejr 2026"))
    (word,) = content_words("spejderlejren")
    assert _holds(word, item)
    # "børneinstitution" in an item on a "daginstitution" for the children ("børnene")
    item = set(tokenize("Ny daginstitution ved Borgerhuset: børnene får et nyt hus"))
    (word,) = content_words("børneinstitution")
    assert _holds(word, item)


def test_parts_too_short_to_mean_anything_do_not_make_a_compound() -> None:
    # "skøjtehal" is not "skøjtebane" + "idrætshal": "hal" is too short to count as a part
    item = set(tokenize("Skøjtebane ved idrætshallen i vinterferien"))
    (word,) = content_words("skøjtehal")
    assert not _holds(word, item)
    assert not _holds(content_words("planetarium")[0], set(tokenize("Planer for området")))


def test_light_verbs_frame_a_question_and_are_no_topic() -> None:
    assert content_words("Får Greve en pantstation?") == ["grev", "pantstation"]
    assert content_words("Hvad fik skolen?") == content_words("Hvad skolen?")
    assert "does" not in content_words("What does the plan say?")
