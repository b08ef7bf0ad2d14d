"""The quote-mark scanner on raw text (this stage runs before any NLP)."""
import pytest

from quotes.stages.marks import as_double_style, house_style, paragraphs, scan


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


# ---- house styles: quotations in single marks (the learned single-mark model, as committed) ----

def quotes_of(text):
    """The quoted pieces of an article in either house style, as wording of the submitted text."""
    view = as_double_style(text)
    assert len(view) == len(text)
    return [text[p.start:p.end] for p in scan(view, paragraphs(view))]


@pytest.mark.parametrize("text, wording", [
    ("‘It’s the Joneses’ house now,’ she said.", ["It’s the Joneses’ house now"]),
    ("'It's the Joneses' house now,' she said.", ["It's the Joneses' house now"]),
    ("‘We played rock ’n’ roll all through the ’90s,’ said O’Brien.",
     ["We played rock ’n’ roll all through the ’90s"]),
    ("'We played rock 'n' roll all through the '90s,' said O'Brien.",
     ["We played rock 'n' roll all through the '90s"]),
    ("Britain’s ‘most wanted’ man was caught. ‘He ran,’ an officer said.", ["most wanted", "He ran"]),
    ("The players’ union said the deal was ‘unacceptable’.", ["unacceptable"]),
    ("The minister said: ‘We will not back down.’", ["We will not back down."]),
])
def test_single_marks_are_told_from_apostrophes(text, wording):
    assert quotes_of(text) == wording


@pytest.mark.parametrize("text, wording", [
    ("‘We won,'' she said. 'And we will win again,’ she added.", ["We won", "And we will win again"]),
    ("'We won’ said the coach.", ["We won"]),
    # in an article set in single marks, copy that mixes in a straight double mark
    ('‘We found it,’ said Jo Ann. ‘It is red.’\n\n"Our study shows it,’ he added. ‘It was wet."',
     ["We found it", "It is red.", "Our study shows it", "It was wet."]),
])
def test_a_quote_opened_with_one_kind_of_mark_closes_with_another(text, wording):
    assert quotes_of(text) == wording


def test_double_marks_nest_inside_single_ones():
    text = "He told the BBC: ‘I was there when they said “never again”.’"
    assert quotes_of(text) == ["I was there when they said “never again”."]
    view = as_double_style(text)
    assert (view[text.index("‘")], view[text.index("“")], view[text.index("’")]) == ("“", "‘", "”")


def test_the_style_is_read_from_the_article():
    double = "“We won,” she said of the ‘Climb Up’ campaign. “It’s ‘magic’,” he said."
    assert house_style(double, paragraphs(double)) == "double"
    assert as_double_style(double) is double
    single = double.translate(str.maketrans("“”‘’", "‘’“”")).replace("It”s", "It’s")
    assert house_style(single, paragraphs(single)) == "single"
    assert quotes_of(single) == ["We won", "Climb Up", "It’s “magic”"]  # its double marks: a term


def test_a_british_quote_over_two_paragraphs_continues():
    text = "Jane Roe said:\n\n‘The first paragraph of it.\n\n‘And the second one,’ she said."
    view = as_double_style(text)
    found = scan(view, paragraphs(view))
    assert [text[p.start:p.end] for p in found] == ["The first paragraph of it.", "And the second one"]
    assert found[0].continues
