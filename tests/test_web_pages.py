"""HTML input as a newsroom sends it: whole web pages, CMS bodies with their furniture, embedded social posts."""
import gzip
import html
import json
from pathlib import Path

import pytest

from quotes.html_text import read_html
from schemas import QuoteResultSchema

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SEED_ARTICLES = sorted((SHARED / "articles").glob("*.txt"))
WEB_PAGES = SHARED / "web-pages"

TWEET = ('<blockquote class="twitter-tweet"><p lang="en" dir="ltr">The library stays open. We listened, and we '
         'found the money. <a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Mayor Ana Ruiz (@MayorRuiz) '
         '<a href="https://twitter.com/MayorRuiz/status/1">March 3, 2026</a></blockquote>')
BLUESKY = ('<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/3k">'
           '<p lang="en">Forty years of story time are not a line item.</p>&mdash; Friends of the Library '
           '(<a href="https://bsky.app/profile/did:plc:abc">@friendsoflib.bsky.social</a>) '
           '<a href="https://bsky.app/profile/did:plc:abc/post/3k">March 2, 2026 at 9:14 AM</a></blockquote>')
INSTAGRAM = ('<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/C1/"><div>'
             '<p><a href="https://www.instagram.com/p/C1/">See you all at the branch on Saturday!</a></p>'
             '<p>A post shared by <a href="https://www.instagram.com/oakbranch/">Oak Street Branch</a> (@oakbranch) '
             'on <time>Mar 1, 2026</time></p></div></blockquote>')


def page(body: str, title: str = "Library saved") -> str:
    """`body` as the article of a whole news page: navigation, related stories, reader comments, a footer."""
    teasers = "".join(f'<li><a href="/story/{n}">“We will fight this to the end,” says resident {n}</a></li>'
                      for n in range(6))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Gazette</title>
<script>window.dataLayer = [{{"event": "“page view”"}}];</script></head><body>
<header><a href="/">The Gazette</a><nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article><h1>{title}</h1><div class="byline">By Staff Reporter · 3 March 2026</div>
<div class="article-body">{body}</div></article>
<section class="related"><h2>Related stories</h2><ul>{teasers}</ul></section>
<section id="comments"><h2>Comments</h2>
<div class="comment"><p class="author">reader42</p><p>“Typical,” said my neighbour. This council never listens.</p></div>
<div class="comment"><p class="author">jdoe</p><p>“About time,” I told my kids when I read it.</p></div></section>
</main><footer><p>© 2026 The Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>"""


def paragraphs_of(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def body_html(text: str) -> str:
    return "".join(f"<p>{html.escape(paragraph)}</p>\n" for paragraph in paragraphs_of(text))


def records(body: dict) -> dict:
    """The quotes and speakers, without the offsets into the HTML (which text input has not)."""
    def plain(value):
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items() if key not in ("html_start", "html_end")}
        return [plain(item) for item in value] if isinstance(value, list) else value
    return plain({"quotes": body["quotes"], "speakers": body["speakers"]})


def test_the_seed_articles_need_the_shared_corpus():
    assert len(SEED_ARTICLES) >= 5, f"the seed articles are missing: {SHARED / 'articles'}"


@pytest.mark.parametrize("path", SEED_ARTICLES, ids=lambda path: path.stem)
def test_a_seed_article_in_a_whole_page_gives_the_records_of_its_bare_text(client, path):
    text = path.read_text(encoding="utf-8")
    # the page's paragraphs, as the HTML reader separates them; a long one repeated right after itself (a caption a
    # scraper took twice) shows once, as trafilatura shows it
    paragraphs = paragraphs_of(text)
    bare = "\n\n".join(paragraph for number, paragraph in enumerate(paragraphs)
                        if number == 0 or paragraph != paragraphs[number - 1] or len(paragraph) <= 50)
    expected = client.post("/v1/quotes", json={"text": bare}).get_json()
    response = client.post("/v1/quotes", json={"html": page(body_html(text))})
    assert response.status_code == 200
    body = response.get_json()
    assert QuoteResultSchema().validate(body) == {}
    assert body["text"] == bare  # the story alone: no headline (page metadata), menu, teaser or comment
    assert expected["quotes"], path.stem
    assert records(body) == records(expected)


def test_no_page_of_the_web_pages_benchmark_is_without_article_text():
    ground_truth = json.loads((WEB_PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    assert len(ground_truth) == 169
    empty = []
    for key in ground_truth:
        markup = gzip.decompress((WEB_PAGES / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        if not read_html(markup).text.strip():
            empty.append(key)
    assert empty == []


@pytest.mark.parametrize("furniture", [
    '<aside class="pullquote"><p>“We listened,” she said.</p></aside>',
    '<div class="c-pullquote"><p>“We listened”</p></div>',
    '<blockquote><p>“we listened.”</p></blockquote>',  # a pull quote repeating the body's words
    '<figure><img src="sign.jpg"><figcaption>“Save our library” read one sign.</figcaption></figure>',
    ('<div class="wp-caption"><img src="sign.jpg"><p class="wp-caption-text">“Save our library” read one sign.</p>'
     '</div>'),
])
def test_a_cms_body_keeps_every_paragraph_and_drops_its_furniture(furniture):
    body = (f"<p>The council met on Tuesday.</p>{furniture}<p>“We listened,” said Mayor Ana Ruiz.</p>"
            "<blockquote><p>A long letter from residents, quoted at length.</p></blockquote><p>The vote was 7-2.</p>")
    assert read_html(body).text == ("The council met on Tuesday.\n\n“We listened,” said Mayor Ana Ruiz.\n\n"
                                    "A long letter from residents, quoted at length.\n\nThe vote was 7-2.")


def test_a_sign_in_a_caption_is_no_ones_quotation(client):
    body = ('<p>Protesters gathered outside City Hall on Monday.</p><figure><img src="sign.jpg"><figcaption>“Save our '
            'library” read one sign outside City Hall.</figcaption></figure><p>“We will keep every branch open,” said '
            'Mayor Ana Ruiz.</p>')
    result = client.post("/v1/quotes", json={"html": body}).get_json()
    assert [(quote["text"], quote["speaker"]["name"]) for quote in result["quotes"]] == [
        ("We will keep every branch open", "Ana Ruiz")]


@pytest.mark.parametrize("whole_page", [False, True])
def test_embedded_social_posts_are_posts_by_their_accounts(client, whole_page):
    body = (f"<p>The council voted on Tuesday to keep the Oak Street branch open.</p>{TWEET}"
            f"<p>“It was never about the money,” said Councillor Ben Okafor, who voted against the cuts.</p>{BLUESKY}"
            f"<p>The branch reopens on Saturday.</p>{INSTAGRAM}")
    response = client.post("/v1/quotes", json={"html": page(body) if whole_page else body})
    assert response.status_code == 200
    result = response.get_json()
    assert QuoteResultSchema().validate(result) == {}
    text = result["text"]
    found = [(quote["kind"], quote["text"], quote["speaker"]["name"]) for quote in result["quotes"]]
    assert found == [
        ("post", "The library stays open. We listened, and we found the money. pic.twitter.com/x", "Mayor Ana Ruiz"),
        ("direct", "It was never about the money", "Ben Okafor"),
        ("post", "Forty years of story time are not a line item.", "Friends of the Library"),
        ("post", "See you all at the branch on Saturday!", "Oak Street Branch"),
    ]
    assert [quote["id"] for quote in result["quotes"]] == ["q1", "q2", "q3", "q4"]
    for quote in result["quotes"]:
        (span,) = quote["spans"]
        assert text[span["start"]:span["end"]] == quote["text"]
        speaker = quote["speaker"]
        assert text[speaker["start"]:speaker["end"]] == speaker["mention"] and speaker["name"] in speaker["mention"]
    by_name = {speaker["name"]: speaker for speaker in result["speakers"]}
    assert by_name["Mayor Ana Ruiz"]["quote_ids"] == ["q1"] and by_name["Ben Okafor"]["quote_ids"] == ["q2"]
