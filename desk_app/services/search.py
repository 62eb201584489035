"""Chinese-aware free-text search (tickets, knowledge articles).

Chinese has no spaces between words, so a word index does not work. Tickets are indexed with
FTS5's trigram tokenizer (table `ticket_fts`, installed by migration step 3): a term of three or
more characters is a phrase query on the index. Shorter terms (投诉, 网络, "PC") have no trigram of
their own; but every indexed value ends with two U+0001 characters, so every occurrence of a short
term is the start of some trigram, and the index's vocabulary (`ticket_fts_vocab`) lists those
trigrams by prefix: the term becomes an OR of them. A short term with letters whose case folding
SQLite and Python might disagree on, or one that starts too many trigrams, falls back to a plain
substring scan, which is slower but equally correct.

Several terms separated by spaces must all occur (AND), each anywhere in the searched columns.
Matching ignores the case of letters, like FTS5 trigram and SQLite's LIKE (ASCII).

On PostgreSQL the same AND-of-substrings is plain SQL: ILIKE for a term with letters, LIKE for one
without (both served by the pg_trgm GIN indexes of desk_app.store.postgres when the extension exists).
"""

import re

from peewee import SQL, Expression, Field, NodeList, fn

from desk_app.models import Ticket
from desk_app.models.base import on_postgres

#: The columns of `ticket_fts`, in the same order as in the index.
TICKET_SEARCH_FIELDS: tuple[Field, ...] = (Ticket.number, Ticket.reporter_name, Ticket.description,
                                           Ticket.resolution)
MIN_INDEXED = 3  # the trigram tokenizer indexes substrings of 3 characters or more
MAX_TERMS = 10
MAX_TERM_LENGTH = 200
MAX_PREFIX_TRIGRAMS = 400  # a short term starting more trigrams than this is scanned for instead
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOTHING = SQL("1 = 0")


def split_terms(text: str) -> list[str]:
    """The search terms of `text`: separated by white space (also the ideographic space), de-duplicated.

    A term contained in a longer term is dropped (it adds nothing to an AND search), so "网络 网络故障"
    searches only the index for 网络故障.
    """
    terms: list[str] = []
    for raw in _CONTROL.sub(" ", text or "").split():
        term = raw[:MAX_TERM_LENGTH]
        if term.lower() not in (t.lower() for t in terms):
            terms.append(term)
    kept = [t for t in terms if not any(t.lower() in o.lower() and t.lower() != o.lower() for o in terms)]
    return kept[:MAX_TERMS]


def fts_phrase(term: str) -> str:
    """`term` as an FTS5 string literal: FTS syntax characters (* - : ^ ( ) AND OR NEAR) lose meaning."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    r"""A LIKE pattern for `term` as a substring (use with ESCAPE '\')."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def substring_condition(term: str, fields: tuple[Field, ...]) -> Expression:
    """`term` occurs in one of `fields` (ASCII case ignored), without an index.

    A term without ASCII letters uses instr(), which is exact and faster than LIKE; a term with
    ASCII letters uses LIKE, which ignores their case (as the trigram index does).
    """
    if on_postgres():
        # ILIKE folds case by the server's locale; a term without letters needs no folding and LIKE
        # is exact. Both use the trigram indexes.
        operator = "ILIKE" if term.lower() != term.upper() else "LIKE"
        pattern = like_pattern(term)
        parts = [Expression(f, operator, NodeList((pattern, SQL("ESCAPE '\\'")))) for f in fields]
    elif _ASCII_LETTER.search(term):
        pattern = like_pattern(term)
        parts = [Expression(f, "ILIKE", SQL("? ESCAPE '\\'", [pattern])) for f in fields]
    else:
        parts = [fn.instr(f, term) > 0 for f in fields]
    condition = parts[0]
    for part in parts[1:]:
        condition = condition | part
    return condition


def _prefix_trigrams(term: str) -> list[str] | None:
    """The indexed trigrams that start with the short `term`, or None when the index cannot answer."""
    if not term.isascii() and term.lower() != term.upper():
        return None  # a cased non-ASCII letter: FTS5's case folding may differ from Python's
    folded = term.lower()
    rows = Ticket._meta.database.execute_sql(
        "SELECT term FROM ticket_fts_vocab WHERE term >= ? AND term < ? LIMIT ?",
        (folded, folded + "\U0010ffff", MAX_PREFIX_TRIGRAMS + 1)).fetchall()
    if len(rows) > MAX_PREFIX_TRIGRAMS:
        return None
    return [r[0] for r in rows]


def ticket_match(text: str) -> tuple[str | None, list[Expression], bool]:
    """The parts of a ticket search: (FTS5 MATCH expression or None, conditions to scan for, nothing_found).

    `nothing_found` is True when a term is known to occur nowhere (no trigram starts with it).
    """
    groups: list[str] = []
    scans: list[Expression] = []
    for term in split_terms(text):
        if len(term) >= MIN_INDEXED:
            groups.append(fts_phrase(term))
            continue
        trigrams = _prefix_trigrams(term)
        if trigrams is None:
            scans.append(substring_condition(term, TICKET_SEARCH_FIELDS))
        elif not trigrams:
            return None, [], True
        else:
            alternatives = " OR ".join(fts_phrase(t) for t in trigrams)
            groups.append(f"({alternatives})" if len(trigrams) > 1 else alternatives)
    return (" AND ".join(groups) or None), scans, False


def ticket_ids_matching(text: str):
    """A subquery of the ids of tickets matching `text` (number, reporter, description, resolution).

    None when `text` has no terms (everything matches). Use as `Ticket.id.in_(subquery)`.
    """
    condition = ticket_condition(text)
    if condition is None:
        return None
    return Ticket.select(Ticket.id).where(condition)


def ticket_condition(text: str, probe: bool = False) -> Expression | None:
    """A WHERE condition on Ticket for `text`, or None when `text` has no terms.

    With `probe` the index only answers "is this ticket a match?" while SQLite walks the tickets in
    another index's order (`+id IN …`): much faster for a first page sorted by an indexed column
    when the terms match thousands of tickets; without it the matches drive the query (best when few).
    """
    if on_postgres():
        return text_condition(text, TICKET_SEARCH_FIELDS)
    match, scans, nothing = ticket_match(text)
    if nothing:
        return _NOTHING
    conditions: list[Expression] = []
    if match:
        matching = SQL("(SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?)", [match])
        ticket_id = NodeList((SQL("+"), Ticket.id)) if probe else Ticket.id
        conditions.append(Expression(ticket_id, "IN", matching))
    conditions.extend(scans)
    if not conditions:
        return None
    condition = conditions[0]
    for part in conditions[1:]:
        condition = condition & part
    return condition


def index_matches(text: str) -> int | None:
    """How many tickets the indexed part of `text` matches (an upper bound), None without an indexed part."""
    if on_postgres():
        return None
    match, _, nothing = ticket_match(text)
    if nothing:
        return 0
    if match is None:
        return None
    return Ticket._meta.database.execute_sql("SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH ?",
                                             (match,)).fetchone()[0]


def count_ticket_matches(text: str) -> int | None:
    """How many tickets match `text`, straight from the index; None when the index alone cannot tell."""
    if on_postgres():
        return None
    _, scans, _ = ticket_match(text)
    return None if scans else index_matches(text)


def text_condition(text: str, fields: tuple[Field, ...]) -> Expression | None:
    """An unindexed AND-of-substrings condition over `fields` (small tables such as knowledge articles)."""
    terms = split_terms(text)
    if not terms:
        return None
    condition = substring_condition(terms[0], fields)
    for term in terms[1:]:
        condition = condition & substring_condition(term, fields)
    return condition


def rebuild_ticket_index() -> None:
    """Index every ticket afresh (the repair if the index and the tickets ever disagree)."""
    from desk_app.store.connection import install_ticket_search

    db = Ticket._meta.database
    with db.atomic():
        install_ticket_search(db)
