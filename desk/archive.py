"""The archive's operations: store an article with its extraction and links, read, list, search, delete.

Every write is one short transaction (desk.db.writing): the extraction runs before it, outside.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, delete, func, insert, or_, select, text
from sqlalchemy.orm import Session, joinedload

from desk import alarms, linking, speakers, webhooks
from desk.db import check_schema, reading, writing
from desk.models import Article, Link, Quote, QuoteKey, Speaker
from desk.vectors import load_vectors
from desk.words import changed_spans, normal_words

CANDIDATES_PER_QUOTE = 50  # the stored quotes sharing most shingles with a new one, compared in full


def utc(moment: datetime | None) -> datetime | None:
    """A moment in UTC (a naive one is taken to be UTC already: SQLite returns them so)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def iso(moment: datetime | None) -> str | None:
    return utc(moment).isoformat() if moment else None


def text_digest(article_text: str) -> str:
    return hashlib.sha256(article_text.encode("utf-8", "surrogatepass")).hexdigest()


# ---- cursors: opaque to clients, the sort key of the last item of a page -----------------------------

class BadCursor(ValueError):
    pass


def encode_cursor(*values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, *types) -> tuple | None:
    if not cursor:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError
        decoded = tuple(datetime.fromisoformat(value) if kind is datetime else kind(value)
                        for value, kind in zip(values, types))
        if any(isinstance(value, int) and not -2**63 <= value < 2**63 for value in decoded):
            raise ValueError  # past any database's 64-bit integer: no row was ever there
        return decoded
    except (ValueError, TypeError, UnicodeDecodeError):
        raise BadCursor("cursor is not one this service gave out.") from None


def page_after(query, columns: tuple, cursor: tuple | None):
    """Newest first by `columns` (a moment, then a unique tie-breaker), after the cursor's item."""
    moment, tie = columns
    if cursor is not None:
        query = query.where(or_(moment < cursor[0], and_(moment == cursor[0], tie < cursor[1])))
    return query.order_by(moment.desc(), tie.desc())


def newest_page(session: Session, query, columns: tuple, cursor: tuple | None, limit: int) -> tuple[list, str | None]:
    """A page of `query`'s objects, newest first by `columns`, and the next page's cursor (None on the last)."""
    rows = session.scalars(page_after(query, columns, cursor).limit(limit + 1)).all()
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    moment, tie = columns
    return rows[:limit], encode_cursor(iso(getattr(last, moment.key)), getattr(last, tie.key))


# ---- storing ---------------------------------------------------------------------------------------

@dataclass
class Stored:
    created: bool  # a new id (201), or the same id again (200)
    body: dict


def _quote_row(session: Session, article: Article, quote: dict, article_text: str, speakers_seen: dict) -> Quote:
    start, end = quote["spans"][0]["start"], quote["spans"][-1]["end"]
    speaker = quote.get("speaker")
    evidence = linking.speaker_evidence(speaker)
    desk_speaker = None
    # an article gives each speaker one canonical name: resolved once per article; a description ("officials",
    # "a spokesman") is nobody's name, so no desk speaker: two articles' "officials" are not one speaker
    if speaker and evidence != "description":
        known = (speaker["name"], speaker["type"])
        if known not in speakers_seen:
            speakers_seen[known] = speakers.resolve(session, *known)
        desk_speaker = speakers_seen[known]
    row = Quote(article=article, quote_id=quote["id"], kind=quote["kind"], text=quote["text"],
                 words=" ".join(normal_words(quote["text"])),
                 context=" ".join(linking.context_words(article_text, start, end)),
                 start=start, end=end, spans=quote["spans"], speaker=desk_speaker,
                 speaker_name=speaker["name"] if speaker else None,
                 affiliation=(quote.get("affiliation") or {}).get("name"), role=quote.get("role"),
                 confidence=quote.get("confidence"), speaker_evidence=evidence,
                 said_at=article.published or article.stored_at)
    session.add(row)
    return row


def side(quote) -> linking.Side:
    """A stored quote (a row or a Quote) as the link decision sees it."""
    return linking.Side(quote.words.split(), quote.context.split(), quote.speaker_id, quote.confidence,
                        utc(quote.said_at), quote.kind, quote.speaker_evidence)


def link_of(earlier, later, match: linking.Match, now: datetime) -> Link:
    """The link of two quotes the decision found to be one statement, its changes classed (desk/alarms.py)."""
    found = alarms.changes_between(earlier.text, later.text, alarms.fragment_starts(earlier.spans),
                                   alarms.fragment_starts(later.spans))
    classes = [alarms.classify(change) for change in found]
    wording = [{"from": " ".join(w.written for w in change.old) or None,
                "to": " ".join(w.written for w in change.new) or None, "class": name}
               for change, name in zip(found, classes)]
    change_class = alarms.most_severe(classes)
    alarm = alarms.MISATTRIBUTED if match.misattributed else (
        change_class if alarms.raises_alert(change_class) and match.sure_speaker else None)
    return Link(earlier_pk=earlier.pk, later_pk=later.pk, similarity=match.similarity, altered=bool(wording),
                changes=wording, change_class=change_class, alarm=alarm, probability=match.probability,
                found_at=now)


# a word pair this many speakers are quoted saying is common: counted no higher, and, as an archive only grows,
# remembered by the process once seen (the longest rows of the index are those of common pairs: "the president")
COMMON_SPEAKERS = 20
_common_keys: dict[str, set[int]] = {}  # per database URL


def speakers_of_keys(session: Session, keys: set[int], exclude_article: str | None = None,
                     before_pk: int | None = None) -> dict[int, int]:
    """How many speakers the archive quotes saying each word pair, at most COMMON_SPEAKERS (unattributed quotes
    are no speaker's): what tells a stock phrase from a statement's own words. With `before_pk`, the archive as
    it stood when that quote was stored (relinking, training), counted afresh."""
    common = _common_keys.setdefault(str(session.get_bind().url), set()) if before_pk is None else set()
    asked = set(keys) - common
    counts = {key: COMMON_SPEAKERS for key in set(keys) & common}
    if not asked:
        return counts
    query = (select(QuoteKey.key, func.count(func.distinct(Quote.speaker_id))).join(Quote, Quote.pk == QuoteKey.quote_pk)
             .where(QuoteKey.key.in_(asked)))
    if exclude_article is not None:
        query = query.where(Quote.article_id != exclude_article)
    if before_pk is not None:
        query = query.where(QuoteKey.quote_pk < before_pk)
    for key, speakers in session.execute(query.group_by(QuoteKey.key)):
        counts[key] = min(speakers, COMMON_SPEAKERS)
        if speakers >= COMMON_SPEAKERS:
            common.add(key)
    return counts


STORED_SIDE = (Quote.pk, Quote.text, Quote.words, Quote.context, Quote.speaker_id, Quote.confidence, Quote.said_at,
               Quote.kind, Quote.article_id, Quote.speaker_evidence, Quote.spans, Quote.start, Quote.end)


def _link(session: Session, new_quotes: list[Quote], vectors, now: datetime) -> list[Link]:
    """Find the stored quotes that are the same statements as `new_quotes`, store the links, and file the
    new quotes in the candidate index."""
    found = find_links(session, new_quotes, vectors, now)
    session.add_all(found)
    file_keys(session, new_quotes)
    return found


def file_keys(session: Session, quotes) -> None:
    rows = [{"key": key, "quote_pk": quote.pk} for quote in quotes for key in linking.index_keys(quote.words.split())]
    if rows:  # many small rows: one executemany, past the ORM's unit of work
        session.execute(insert(QuoteKey), rows)


def find_links(session: Session, new_quotes, vectors, now: datetime, earlier_only: bool = False) -> list[Link]:
    """The links of `new_quotes` (quotes of one article) to the stored quotes of other articles (with
    `earlier_only`, to those stored before each: a relink visits each pair once, from its later quote)."""
    reprinted = reprint_links(session, new_quotes, now)
    twins = {(link.later_pk, link.earlier_pk) for link in reprinted}
    keys_of = {quote.pk: linking.index_keys(quote.words.split()) for quote in new_quotes}
    quote_of = {quote.pk: quote for quote in new_quotes}
    article_id = new_quotes[0].article_id if new_quotes else None
    candidates_of = {quote.pk: _candidates(session, quote, keys_of[quote.pk], quote.pk if earlier_only else None)
                     for quote in new_quotes}
    wanted = {pk for candidates in candidates_of.values() for pk in candidates}
    if not wanted:
        return reprinted
    stored = {row.pk: row for row in session.execute(select(*STORED_SIDE).where(Quote.pk.in_(wanted)))}
    pairs = [(quote, stored[pk]) for quote in new_quotes for pk, shared in candidates_of[quote.pk].items()
             if (quote.pk, pk) not in twins and linking.worth_comparing(side(quote), side(stored[pk]), shared)]
    if not pairs:
        return reprinted
    pairs = [(quote, other) for quote, other in pairs if linking.decidable(side(quote), side(other))]
    # how many speakers say each word pair, for the pairs the decided quotes share: the rest play no part
    shared_keys = set().union(*(keys_of[quote.pk] & linking.index_keys(other.words.split()) for quote, other in pairs))
    speakers_of_key = speakers_of_keys(session, shared_keys, article_id, min(keys_of) if earlier_only else None)
    model = linking.load_model()
    found, copies = [], {}
    for quote, other in pairs:
        match = linking.compare(side(quote), side(other), speakers_of_key, vectors, model)
        if match.misattributed:
            found.append(link_of(other, quote, match, now))
        elif match.linked:
            copies.setdefault((quote.pk, other.article_id), []).append((other, match))
    for (quote_pk, _), linked in copies.items():
        kept = one_statement(linked, vectors)
        kept += wholes_of(session, quote_of[quote_pk], kept, vectors)
        found += [link_of(other, quote_of[quote_pk], match, now) for other, match in kept]
    unique = {}
    for link in reprinted + found:
        unique.setdefault((link.earlier_pk, link.later_pk), link)
    return list(unique.values())


def reprint_links(session: Session, new_quotes, now: datetime) -> list[Link]:
    """A stored article with the very same text is a reprint: each quote is its twin's copy, whoever the speaker
    (even a fragment credited to a description, which never links on its words alone)."""
    if not new_quotes:
        return []
    article_id = new_quotes[0].article_id
    digest = select(Article.text_sha256).where(Article.id == article_id).scalar_subquery()
    twins = session.execute(select(*STORED_SIDE).join(Article, Article.id == Quote.article_id).where(
        Article.text_sha256 == digest, Article.id != article_id, Quote.kind.in_(linking.QUOTED_KINDS),
        Quote.pk < max(quote.pk for quote in new_quotes)))
    by_place = {}
    for twin in twins:
        by_place.setdefault((twin.start, twin.end), []).append(twin)
    return [link_of(twin, quote, linking.Match(1.0, True, probability=1.0), now)
            for quote in new_quotes for twin in by_place.get((quote.start, quote.end), [])]


WHOLE_SLACK = 0.05  # how much less alike a new quote may be to the whole than to the part it was linked to


def wholes_of(session: Session, quote: Quote, linked: list, vectors) -> list:
    """The quotes of the same article that hold a linked quote whole (the article quotes the statement in full
    and part of it again: "profit our two nations" and the sentence it comes from), linked too."""
    found, seen = [], {other.pk for other, _ in linked}
    for other, match in linked:
        if other.speaker_id is None:
            continue
        part = other.words.split()
        for whole in session.execute(select(*STORED_SIDE).where(
                Quote.article_id == other.article_id, Quote.speaker_id == other.speaker_id,
                Quote.kind.in_(linking.QUOTED_KINDS), Quote.pk.not_in(seen))):
            words = whole.words.split()
            if len(words) <= len(part) or linking.alignment(part, words, vectors).coverage < linking.NEAR_IDENTICAL:
                continue
            aligned = linking.alignment(quote.words.split(), words, vectors)
            similarity = round((aligned.coverage * aligned.density) ** 0.5, 3)
            if similarity >= match.similarity - WHOLE_SLACK:  # the new quote matches the whole where it holds the part
                found.append((whole, linking.Match(similarity, True, probability=match.probability,
                                                   sure_speaker=match.sure_speaker)))
                seen.add(whole.pk)
    return found


def one_statement(linked: list, vectors) -> list:
    """Of the quotes of one article linked to a new quote, the likeliest and those that are fragments of it (an
    article may quote a statement whole and a part of it again); the others are the speaker's other sentences,
    or the same line on another occasion, which an article quoting it beside this one tells apart."""
    linked = sorted(linked, key=lambda item: (-item[1].probability, -item[1].similarity))
    best = linked[0][0].words.split()
    return [item for index, item in enumerate(linked)
            if index == 0 or linking.alignment(item[0].words.split(), best, vectors).coverage >= linking.NEAR_IDENTICAL]


def _candidates(session: Session, quote: Quote, keys: set[int], before_pk: int | None = None) -> dict[int, int]:
    """The stored quotes of other articles sharing most shingles with `quote`, with how many they share. The
    database counts the shared shingles through its index."""
    # a pair many speakers say tells little about which statement this is, and its rows are the most: left out,
    # unless the quote has no other
    keys = (keys - _common_keys.get(str(session.get_bind().url), set())) or keys
    if not keys:
        return {}
    shared = func.count().label("shared")
    query = (select(QuoteKey.quote_pk, shared).join(Quote, Quote.pk == QuoteKey.quote_pk)
             .where(QuoteKey.key.in_(keys), Quote.article_id != quote.article_id))
    if before_pk is not None:
        query = query.where(QuoteKey.quote_pk < before_pk)
    if quote.speaker_id is not None and not linking.may_be_misattributed(quote.words.split(), quote.confidence):
        # the same speaker's quotes, and those without one (none found, or only described: "officials")
        query = query.where(or_(Quote.speaker_id == quote.speaker_id, Quote.speaker_id.is_(None)))
    query = (query.group_by(QuoteKey.quote_pk).having(shared >= linking.min_shared_keys(keys))
             .order_by(shared.desc(), QuoteKey.quote_pk).limit(CANDIDATES_PER_QUOTE))
    return {row.quote_pk: row.shared for row in session.execute(query)}


# ---- reading ---------------------------------------------------------------------------------------

def quote_over(session: Session, side: dict) -> Quote | None:
    """The stored quote of `side["article"]` whose span overlaps `side["start"]:side["end"]` most (a judged pair's
    side, by offsets into the article), or None."""
    best, overlap = None, 0
    for quote in session.scalars(select(Quote).where(Quote.article_id == side["article"])):
        shared = min(quote.end, side["end"]) - max(quote.start, side["start"])
        if shared > overlap:
            best, overlap = quote, shared
    return best


def article_body(session: Session, article: Article) -> dict:
    """The stored result as POST /v1/articles gives it, each quote with its copies as they stand now."""
    body = {**article.result, "id": article.id, "url": article.url, "source": article.source,
            "published": article.published.isoformat() if article.published else None}  # schemas.jsonld reads them
    if article.from_html:
        body["text"] = article.text
    copies = copies_of(session, [quote.pk for quote in article.quotes])
    by_id = {quote.quote_id: quote.pk for quote in article.quotes}
    body["quotes"] = [{**quote, "copies": copies.get(by_id.get(quote["id"]), [])} for quote in article.result["quotes"]]
    body["alerts"] = []
    return body


def copies_of(session: Session, quote_pks: list[int]) -> dict[int, list[dict]]:
    """The linked quotes of other articles per quote; `changes` go from the copy to the quote."""
    if not quote_pks:
        return {}
    links = session.scalars(select(Link).where(or_(Link.earlier_pk.in_(quote_pks), Link.later_pk.in_(quote_pks)))
                            .options(joinedload(Link.earlier), joinedload(Link.later)).order_by(Link.id)).all()
    found = defaultdict(list)
    for link in links:
        for mine, other, wording in ((link.later, link.earlier, link.changes),
                                     (link.earlier, link.later, [{**c, "from": c["to"], "to": c["from"]}
                                                                 for c in link.changes])):
            if mine.pk in quote_pks:
                found[mine.pk].append({"article_id": other.article_id, "quote_id": other.quote_id, "text": other.text,
                                       "similarity": link.similarity, "altered": link.altered,
                                       "change_class": link.change_class, "alert": link.alarm, "changes": wording})
    return found


def version_body(quote: Quote, changed: list[dict]) -> dict:
    return {"article_id": quote.article_id, "quote_id": quote.quote_id, "text": quote.text, "spans": quote.spans,
            "speaker": quote.speaker_name, "changed": changed}


def alert_body(link: Link) -> dict:
    """An alarm: the two versions (earlier first) and the words that changed between them; its type (`altered`
    words, or `misattributed`: the same words credited to two speakers) and class (the most severe change's)."""
    speaker = link.later.speaker or link.earlier.speaker
    earlier_changed, later_changed = changed_spans(link.earlier.text, link.later.text)
    misattributed = link.alarm == alarms.MISATTRIBUTED
    return {"id": link.id, "found_at": iso(link.found_at), "similarity": link.similarity,
            "type": "misattributed" if misattributed else "altered",
            "class": link.change_class if misattributed else link.alarm,
            "speaker": speaker.name if speaker else (link.later.speaker_name or link.earlier.speaker_name),
            "speaker_id": speaker.id if speaker else None,
            "versions": [version_body(link.earlier, earlier_changed), version_body(link.later, later_changed)], "changes": link.changes}


def hit_body(quote: Quote) -> dict:
    return {"article_id": quote.article_id, "quote_id": quote.quote_id, "text": quote.text, "kind": quote.kind,
            "spans": quote.spans, "speaker": quote.speaker_name, "speaker_id": quote.speaker_id,
            "affiliation": quote.affiliation, "role": quote.role, "said_at": iso(quote.said_at)}


def _speaker_filter(query, speaker: str | None):
    if not speaker:
        return query
    if speaker.isdigit():
        return query.where(Quote.speaker_id == int(speaker))
    return query.where(Quote.speaker_id.in_(select(Speaker.id).where(Speaker.name.ilike(f"%{_like(speaker)}%",
                                                                                          escape="\\"))))


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def speaker_summary(session: Session, speaker: Speaker) -> dict:
    rows = session.execute(select(Quote.affiliation, Quote.role, Quote.article_id)
                           .where(Quote.speaker_id == speaker.id)).all()
    return {"id": speaker.id, "name": speaker.name, "type": speaker.type,
            "affiliations": sorted({row.affiliation for row in rows if row.affiliation}),
            "roles": sorted({row.role for row in rows if row.role}),
            "article_count": len({row.article_id for row in rows}), "quote_count": len(rows)}


class Archive:
    """The archive of one database (None: QUOTES_DATABASE_URL) and its operations, each one short transaction
    or a few. A Flask app holds one as an extension (`Archive().init_app(app)`: app.extensions["archive"]);
    the backfill workers use the default one."""

    def __init__(self, database: str | None = None):
        self.database = database

    def init_app(self, app) -> None:
        """Flask's extension pattern: the app's archive is the database its DATABASE_URL names (else this one's),
        once its schema is checked (db.ArchiveNotReady: behind the code, or the database unreachable)."""
        archive = Archive(app.config.get("DATABASE_URL") or self.database)
        check_schema(archive.database)
        app.extensions["archive"] = archive

    def find_unchanged(self, article_id: str, article_text: str) -> dict | None:
        """The stored body of this id when it already holds this very text (a re-post changes nothing)."""
        with reading(self.database) as session:
            article = session.get(Article, article_id)
            if article is not None and article.text_sha256 == text_digest(article_text):
                return article_body(session, article)
        return None

    def store(self, article_id: str, article_text: str, result: dict, *, from_html: bool = False,
              url: str | None = None, source: str | None = None, published: datetime | None = None) -> Stored:
        """Store an article and its extraction, link its quotes, in one transaction.

        The same id with the same text changes nothing; with a new text, the old version, its quotes and
        its links are replaced in the same transaction.
        """
        digest = text_digest(article_text)
        vectors = load_vectors()
        with writing(self.database) as session:
            existing = session.get(Article, article_id)
            if existing is not None and existing.text_sha256 == digest:
                return Stored(False, article_body(session, existing))
            if existing is not None:
                session.delete(existing)
                session.flush()
            now = datetime.now(UTC)
            article = Article(id=article_id, text=article_text, text_sha256=digest, from_html=from_html, url=url,
                              source=source, published=utc(published), stored_at=now,
                              result={key: value for key, value in result.items() if key != "text"})
            session.add(article)
            speakers_seen: dict = {}
            new_quotes = [_quote_row(session, article, quote, article_text, speakers_seen)
                          for quote in result["quotes"]]
            session.flush()
            found = _link(session, [quote for quote in new_quotes if quote.kind in linking.QUOTED_KINDS], vectors, now)
            session.flush()
            body = article_body(session, article)
            body["alerts"] = [alert_body(link) for link in found if link.alarm]  # (loads each link's earlier quote)
            # the webhooks' events, in this transaction: told only if stored, never lost once stored
            webhooks.record_event(session, "article.stored", {
                "id": article_id, "created": existing is None, "quotes": len(result["quotes"]),
                "speakers": len(result["speakers"]), "alerts": len(body["alerts"])})
            for alert in body["alerts"]:
                webhooks.record_event(session, "alert.created", alert)
            return Stored(existing is None, body)

    def unchanged_ids(self, documents: list[dict]) -> set[str]:
        """The ids among `documents` ({"id", "text"}) that the archive holds with the very same text."""
        wanted = {document["id"]: text_digest(document["text"]) for document in documents}
        with reading(self.database) as session:
            rows = session.execute(select(Article.id, Article.text_sha256).where(Article.id.in_(list(wanted))))
            return {article_id for article_id, digest in rows if wanted[article_id] == digest}

    def get_article(self, article_id: str) -> dict | None:
        with reading(self.database) as session:
            article = session.get(Article, article_id)
            return article_body(session, article) if article else None

    def delete_article(self, article_id: str) -> bool:
        """Delete an article with its quotes and their links; False when there is none."""
        with writing(self.database) as session:
            return session.execute(delete(Article).where(Article.id == article_id)).rowcount > 0

    def list_articles(self, source: str | None, since: datetime | None, cursor: str | None, limit: int) -> dict:
        after = decode_cursor(cursor, datetime, str)
        with reading(self.database) as session:
            # counted per listed article through the article_id index, not over the whole archive
            quote_count = select(func.count()).where(Quote.article_id == Article.id).scalar_subquery()
            query = select(Article, quote_count)
            if source:
                query = query.where(Article.source == source)
            if since:
                query = query.where(Article.stored_at >= utc(since))
            rows = session.execute(page_after(query, (Article.stored_at, Article.id), after).limit(limit + 1)).all()
            items = [{"id": article.id, "url": article.url, "source": article.source,
                      "published": iso(article.published), "stored_at": iso(article.stored_at), "quote_count": count}
                     for article, count in rows[:limit]]
            last = rows[limit - 1][0] if len(rows) > limit else None
            return {"articles": items, "next_cursor": encode_cursor(iso(last.stored_at), last.id) if last else None}

    def search_quotes(self, q: str, speaker: str | None, since: datetime | None, cursor: str | None,
                      limit: int) -> dict:
        """Full-text search over the quotes through the database's engine (FTS5, or tsvector on PostgreSQL)."""
        after = decode_cursor(cursor, datetime, int)
        words = [word for word in normal_words(q) if word.replace("'", "")]
        with reading(self.database) as session:
            query = select(Quote)
            if words:
                if session.get_bind().dialect.name == "postgresql":
                    query = query.where(text("quotes.search @@ plainto_tsquery('english', :q)")) \
                        .params(q=" ".join(words))
                else:
                    match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
                    query = query.where(Quote.pk.in_(select(text("rowid")).select_from(text("quotes_fts"))
                                                     .where(text("quotes_fts MATCH :match")))).params(match=match)
            query = _speaker_filter(query, speaker)
            if since:
                query = query.where(Quote.said_at >= utc(since))
            quotes, next_cursor = newest_page(session, query, (Quote.said_at, Quote.pk), after, limit)
            return {"quotes": [hit_body(quote) for quote in quotes], "next_cursor": next_cursor}

    def list_speakers(self, q: str | None, cursor: str | None, limit: int) -> dict:
        after = decode_cursor(cursor, int)
        with reading(self.database) as session:
            query = select(Speaker)
            if q:
                query = query.where(Speaker.name.ilike(f"%{_like(q)}%", escape="\\"))
            if after:
                query = query.where(Speaker.id > after[0])
            rows = session.scalars(query.order_by(Speaker.id).limit(limit + 1)).all()
            return {"speakers": [speaker_summary(session, speaker) for speaker in rows[:limit]],
                    "next_cursor": encode_cursor(rows[limit - 1].id) if len(rows) > limit else None}

    def get_speaker(self, speaker_id: int, cursor: str | None, limit: int) -> dict | None:
        after = decode_cursor(cursor, datetime, int)
        with reading(self.database) as session:
            speaker = session.get(Speaker, speaker_id)
            if speaker is None:
                return None
            quotes, next_cursor = newest_page(session, select(Quote).where(Quote.speaker_id == speaker_id),
                                              (Quote.said_at, Quote.pk), after, limit)
            return {**speaker_summary(session, speaker), "quotes": [hit_body(quote) for quote in quotes],
                    "next_cursor": next_cursor}

    def list_alerts(self, since: datetime | None, cursor: str | None, limit: int,
                    min_severity: str = alarms.DEFAULT_MIN_SEVERITY) -> dict:
        """Alerts of `min_severity` and above (misattributions at any), newest first."""
        after = decode_cursor(cursor, datetime, int)
        with reading(self.database) as session:
            query = select(Link).where(Link.alarm.in_((*alarms.severity_at_least(min_severity),
                                                       alarms.MISATTRIBUTED)))
            if since:
                query = query.where(Link.found_at >= utc(since))
            links, next_cursor = newest_page(session, query, (Link.found_at, Link.id), after, limit)
            return {"alerts": [alert_body(link) for link in links], "next_cursor": next_cursor}
