"""The article text of an HTML body, as a CMS stores it: paragraphs kept, boilerplate dropped.

lxml parses (it copes with the broken markup CMSs hold); this module only decides which elements
are text. The result is what the engine reads, so every offset of an HTML input indexes it.
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

# Never article text: code, page furniture, and controls.
SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "title", "nav", "header", "footer", "aside",
                     "form", "button", "select", "iframe", "svg", "canvas", "object", "embed"})
# Elements that start and end a paragraph.
BLOCKS = frozenset({"address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2",
                    "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr", "ul"})
# Table cells and similar sit side by side on one line: keep their words apart.
SEPARATED = frozenset({"td", "th"})

HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # source formatting; a non-breaking space is content and stays


def article_root(document: etree._Element) -> etree._Element:
    """The element holding the story: the page's one <article>, else its <main>, else the whole document."""
    articles = document.findall(".//article")
    if len(articles) == 1:
        return articles[0]
    return document.find(".//main") if document.find(".//main") is not None else document


def html_to_text(html: str) -> str:
    """The readable text of `html`: one paragraph per block element, separated by a blank line; a <br> is a
    line break; whitespace of the markup collapses as a browser shows it."""
    if not html.strip():
        return ""
    # as bytes, so that an XML declaration naming an encoding is no error; a lone surrogate becomes "?"
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        document = lxml.html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except etree.ParserError:  # markup without any element, e.g. only a comment
        return ""
    # comments go, their tails (text after them) stay
    etree.strip_elements(document, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    root = article_root(document)
    text = ArticleText()
    # iterwalk, not recursion: a body nested thousands of levels deep must not exhaust the stack
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if event == "start":
            if tag in SKIPPED:
                walker.skip_subtree()  # its "end" still comes, and with it the tail
                continue
            if tag in BLOCKS:
                text.new_paragraph()
            elif tag == "br":
                text.new_line()
            elif tag in SEPARATED:
                text.add(" ")
            text.add(element.text)
        else:
            if tag in BLOCKS:
                text.new_paragraph()
            if element is not root:  # the root's tail lies outside the article
                text.add(element.tail)
    return str(text)


class ArticleText:
    """Text collected as paragraphs of lines, each line a list of pieces of markup text."""

    def __init__(self):
        self.paragraphs: list[list[list[str]]] = [[[]]]

    def add(self, piece: str | None) -> None:
        if piece:
            self.paragraphs[-1][-1].append(piece)

    def new_line(self) -> None:
        self.paragraphs[-1].append([])

    def new_paragraph(self) -> None:
        self.paragraphs.append([[]])

    def __str__(self) -> str:
        """Blank-line separated paragraphs of newline separated lines; no empty ones."""
        paragraphs = []
        for paragraph in self.paragraphs:
            lines = (HTML_SPACE.sub(" ", "".join(pieces)).strip() for pieces in paragraph)
            if text := "\n".join(line for line in lines if line):
                paragraphs.append(text)
        return "\n\n".join(paragraphs)
