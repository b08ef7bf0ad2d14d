"""The article text of HTML: a whole web page, or a body as a CMS stores it.

A whole page (a document with `<html>` or `<body>`) holds navigation, teasers, comments and
captions around the story: trafilatura, which leads the public article-extraction benchmarks
among libraries, finds its main content. A CMS body fragment is all story: every paragraph is kept,
and only the CMS's own furniture goes (pull quotes, captions, asides). Embedded social posts are
found in both, so that their words become posts by their accounts (quotes/embeds.py), not
quotations the engine attributes from the text around them.

lxml parses (it copes with the broken markup CMSs hold). The result is what the engine reads, so
every offset of an HTML input indexes it.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

from quotes import embeds

log = logging.getLogger(__name__)

# Never article text: code, page furniture, and controls.
SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "title", "nav", "header", "footer", "aside",
                     "form", "button", "select", "iframe", "svg", "canvas", "object", "embed", "figcaption"})
# Elements that start and end a paragraph.
BLOCKS = frozenset({"address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2",
                    "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tr", "ul"})
# Table cells and similar sit side by side on one line: keep their words apart.
SEPARATED = frozenset({"td", "th"})
# The same three roles in trafilatura's XML output (its <head> is a heading, <quote> a blockquote).
EXTRACTED_BLOCKS = frozenset({"doc", "main", "head", "p", "list", "item", "quote", "table", "row", "code"})
EXTRACTED_SKIPPED = frozenset({"comments", "graphic", "figure"})
EXTRACTED_SEPARATED = frozenset({"cell"})
# trafilatura's settings: no reader comments, and precision first (F1 0.965 against 0.952 with its defaults
# on ../shared/corpus/web-pages: a teaser that leaks in can become a quotation record)
EXTRACTION = {"include_comments": False, "favor_precision": True, "output_format": "xml"}

HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # source formatting; a non-breaking space is content and stays
WHOLE_PAGE = re.compile(r"<(?:html|body)[\s>/]", re.IGNORECASE)
WORD = re.compile(r"\w+")


@dataclass
class HtmlArticle:
    """The text the engine reads, and the social posts embedded in it (spans indexing that text)."""

    text: str
    posts: list[embeds.Post] = field(default_factory=list)


def is_whole_page(html: str) -> bool:
    return WHOLE_PAGE.search(html) is not None


def parse(html: str) -> etree._Element | None:
    """The document without comments; None for markup without any element."""
    # as bytes, so that an XML declaration naming an encoding is no error; a lone surrogate becomes "?"
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        document = lxml.html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except etree.ParserError:  # markup without any element, e.g. only a comment
        return None
    # comments go, their tails (text after them) stay
    etree.strip_elements(document, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return document


def read_html(html: str) -> HtmlArticle:
    """The article of `html`: its text, one paragraph per block, separated by a blank line (a <br> is a line
    break; whitespace of the markup collapses as a browser shows it), and its embedded social posts."""
    document = parse(html) if html.strip() else None
    if document is None:
        return HtmlArticle("")
    found = embeds.find(document, element_text)
    drop_furniture(document)
    if is_whole_page(html):
        embeds.simplify(found)
        text = main_content(document)
    else:
        text = render(article_root(document))
    return HtmlArticle(text, embeds.locate(found, text))


def html_to_text(html: str) -> str:
    """The article text of `html` (read_html's text)."""
    return read_html(html).text


def article_root(document: etree._Element) -> etree._Element:
    """The element holding a fragment's story: its one <article>, else its <main>, else the whole fragment."""
    articles = document.findall(".//article")
    if len(articles) == 1:
        return articles[0]
    return document.find(".//main") if document.find(".//main") is not None else document


def main_content(document: etree._Element) -> str:
    """A whole page's story, as trafilatura finds it; the fragment reader's text when it finds none (a page
    that is all story, or one it cannot read), so that no page with words is refused."""
    try:
        extracted = trafilatura.extract(document, **EXTRACTION)
    except (RecursionError, ValueError, etree.LxmlError) as error:  # markup nested too deeply for it
        log.warning("trafilatura could not read a page (%s); reading it as a fragment", error)
        extracted = None
    if extracted:
        text = render(etree.fromstring(extracted), EXTRACTED_BLOCKS, EXTRACTED_SKIPPED, EXTRACTED_SEPARATED)
        if text:
            return text
    return render(article_root(document))


# ---- the CMS's furniture: an ordered list of small tests, each saying "this element is not story" -----------

def class_names(element: etree._Element) -> list[str]:
    return (element.get("class") or "").lower().split()


def is_pull_quote_class(element: etree._Element, body_words: str) -> bool:
    return any(word in name for name in class_names(element) for word in ("pullquote", "pull-quote", "pull_quote"))


def is_caption(element: etree._Element, body_words: str) -> bool:
    """A figure's caption (a sign's words in a caption are no one's quotation): `caption`, `wp-caption-text`,
    `image__caption`; not `has-captions` on a page's body."""
    return element.tag == "figcaption" or any(name.endswith(("caption", "caption-text")) for name in
                                              class_names(element))


def is_repeated_blockquote(element: etree._Element, body_words: str) -> bool:
    """A blockquote whose words the body says too: a pull quote set in a blockquote."""
    if element.tag != "blockquote" or embeds.network(element):
        return False
    words = " ".join(WORD.findall(element_text(element).lower()))
    return bool(words) and f" {words} " in body_words


FURNITURE = (is_pull_quote_class, is_caption, is_repeated_blockquote)
FURNITURE_WORDS = 150  # furniture is short: a longer element a test names is a wrapper of the story (class="caption-page")


def drop_furniture(document: etree._Element) -> None:
    """Remove every element a furniture test names, keeping the text that follows it."""
    body = render(document, skipped=SKIPPED | {"blockquote"})
    body_words = f" {' '.join(WORD.findall(body.lower()))} "
    doomed = [element for element in document.iter(etree.Element)
              if element.getparent() is not None and any(test(element, body_words) for test in FURNITURE)
              and len(WORD.findall(element_text(element))) <= FURNITURE_WORDS]
    for element in doomed:
        if element.getparent() is not None:  # not inside one removed already
            element.drop_tree()


# ---- text of a tree ------------------------------------------------------------------------------------------

def element_text(element: etree._Element) -> str:
    """The readable text of one element, as `render` gives it."""
    return render(element)


def render(root: etree._Element, blocks=BLOCKS, skipped=SKIPPED, separated=SEPARATED) -> str:
    """The readable text under `root`: one paragraph per block element, separated by a blank line; a <br>
    (trafilatura's <lb>) is a line break; whitespace of the markup collapses as a browser shows it."""
    text = ArticleText()
    # iterwalk, not recursion: a body nested thousands of levels deep must not exhaust the stack
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if event == "start":
            if tag in skipped or not isinstance(tag, str):
                walker.skip_subtree()  # its "end" still comes, and with it the tail
                continue
            if tag in blocks:
                text.new_paragraph()
            elif tag in ("br", "lb"):
                text.new_line()
            elif tag in separated:
                text.add(" ")
            text.add(element.text)
        else:
            if tag in blocks:
                text.new_paragraph()
            if element is not root:  # the root's tail lies outside it
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
