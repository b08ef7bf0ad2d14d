"""The quote-mark scanner on raw text (this stage runs before any NLP)."""
from quotes.stages.marks import paragraphs, scan


def pieces_of(text):
    return [text[p.start:p.end] for p in scan(text, paragraphs(text))]


def test_curly_quote_with_apostrophes_inside_is_one_piece():
    text = "“We don’t want China’s help,” she said."
    assert pieces_of(text) == ["We don’t want China’s help"]


def test_straight_marks():
    text = 'He said "the deal is done" and left. "We are happy," she added.'
    assert pieces_of(text) == ["the deal is done", "We are happy"]


def test_nested_single_marks_stay_inside():
    text = "They “discussed ‘exploring cooperation’ on climate,” he said."
    assert pieces_of(text) == ["discussed ‘exploring cooperation’ on climate"]


def test_apostrophes_never_open_a_quote():
    assert pieces_of("China’s leaders and the Bidens’ dog don’t talk.") == []


def test_unclosed_quote_ends_with_its_paragraph():
    text = "“This never closes, said the editor\nThe next paragraph is plain reporting."
    found = scan(text, paragraphs(text))
    assert [text[p.start:p.end] for p in found] == ["This never closes, said the editor"]
    assert found[0].close_mark is None and not found[0].continues


def test_news_style_continuation_across_paragraphs():
    text = "“The first paragraph of the quote.\n“And the second one,” she said."
    found = scan(text, paragraphs(text))
    assert [text[p.start:p.end] for p in found] == ["The first paragraph of the quote.", "And the second one"]
    assert found[0].continues


def test_offsets_index_text_with_crlf_and_non_breaking_spaces():
    text = "Intro line.\r\n\u00a0“Quoted\u00a0words here,” he said.\r\n"
    found = scan(text, paragraphs(text))
    assert [text[p.start:p.end] for p in found] == ["Quoted\u00a0words here"]


def test_typewriter_double_apostrophes_are_quote_marks():
    text = "''It has the important virtue of being responsible,'' Leonard Burman said. ``Yes,'' he added."
    assert pieces_of(text) == ["It has the important virtue of being responsible", "Yes"]
