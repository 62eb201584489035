"""Knowledge articles (知识库, R7): made from a ticket in one step, edited, searched."""

from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN

from desk_app.errors import NotFound, ValidationError
from desk_app.i18n import t
from desk_app.models import KnowledgeArticle, Ticket
from desk_app.models.base import LONG_TEXT
from desk_app.services import audit, records, search
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, require
from desk_app.services.validation import clean_text

TITLE_LENGTH = 200
_SEARCH_FIELDS = (KnowledgeArticle.title, KnowledgeArticle.symptom, KnowledgeArticle.cause,
                  KnowledgeArticle.solution)


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str
    symptom: str
    cause: str
    solution: str
    source_ticket_id: int | None
    source_ticket_number: str
    updated_at: datetime
    version: int


def _row(article: KnowledgeArticle, number: str | None = None) -> ArticleRow:
    if number is None:
        number = ""
        if article.source_ticket_id:
            source = Ticket.get_or_none(Ticket.id == article.source_ticket_id)
            number = source.number if source else ""
    return ArticleRow(article.id, article.title, article.symptom, article.cause, article.solution,
                      article.source_ticket_id, number, article.updated_at, article.version)


def search_articles(text: str = "", limit: int = 200) -> list[ArticleRow]:
    """Articles whose title, symptom, cause or solution contain every term of `text`, newest first.

    Same rules as the ticket search (terms separated by spaces, all required, any length, so 2-character
    Chinese words work); articles are few, so a substring scan is enough.
    """
    query = (KnowledgeArticle.select(KnowledgeArticle, Ticket.number)
             .join(Ticket, JOIN.LEFT_OUTER, on=(KnowledgeArticle.source_ticket == Ticket.id), attr="src")
             .order_by(KnowledgeArticle.updated_at.desc(), KnowledgeArticle.id.desc())
             .limit(max(0, int(limit))))
    condition = search.text_condition(text, _SEARCH_FIELDS)
    if condition is not None:
        query = query.where(condition)
    return [_row(a, (a.src.number or "") if a.source_ticket_id and a.src else "") for a in query]


def get_article(article_id: int) -> ArticleRow:
    article = KnowledgeArticle.get_or_none(KnowledgeArticle.id == article_id)
    if article is None:
        raise NotFound(t("This record no longer exists."))
    return _row(article)


def title_from(description: str, fallback: str = "") -> str:
    """The first non-empty line of a description, shortened to a title."""
    for line in (description or "").splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1] + "…"
    return fallback


def article_from_ticket(actor: Actor, ticket_id: int) -> ArticleRow:
    """R7 in one step: description → symptom, cause → cause, resolution → solution, title from the
    first line of the description. A ticket that already has an article gives that article back."""
    require(actor, Permission.KNOWLEDGE_EDIT)
    ticket = records.load(Ticket, ticket_id)
    existing = (KnowledgeArticle.select().where(KnowledgeArticle.source_ticket == ticket.id)
                .order_by(KnowledgeArticle.id).first())
    if existing is not None:
        return _row(existing, ticket.number)
    with KnowledgeArticle._meta.database.atomic():
        article = KnowledgeArticle.create(
            title=title_from(ticket.description, ticket.number), symptom=ticket.description, cause=ticket.cause,
            solution=ticket.resolution, source_ticket=ticket.id, created_by=actor.id, updated_by=actor.id)
        audit.record(actor, "knowledge.from_ticket", article, after=audit.snapshot(article))
    return _row(article, ticket.number)


def check_edit(actor: Actor, article: KnowledgeArticle | None = None) -> None:
    """Who may write an article, for `save_article` and the undo of an article edit."""
    require(actor, Permission.KNOWLEDGE_EDIT)


def save_article(actor: Actor, title: str, symptom: str, cause: str, solution: str, article_id: int | None = None,
                 expected_version: int | None = None, source_ticket_id: int | None = None) -> ArticleRow:
    """Create an article (no `article_id`) or update one (optimistic locking with `expected_version`)."""
    check_edit(actor)
    fields: dict[str, object] = {
        "title": clean_text(title, t("Article title"), required=True, max_length=TITLE_LENGTH, field="title"),
        "symptom": clean_text(symptom, t("Symptom"), max_length=LONG_TEXT, field="symptom"),
        "cause": clean_text(cause, t("Cause analysis"), max_length=LONG_TEXT, field="cause"),
        "solution": clean_text(solution, t("Solution"), max_length=LONG_TEXT, field="solution"),
    }
    if source_ticket_id is not None:
        if not Ticket.select().where(Ticket.id == source_ticket_id).exists():
            raise ValidationError(t("The selected {field} does not exist.", field=t("Source ticket")),
                                  field="source_ticket_id")
        fields["source_ticket"] = source_ticket_id
    with KnowledgeArticle._meta.database.atomic():
        if article_id is None:
            article = KnowledgeArticle.create(created_by=actor.id, updated_by=actor.id, **fields)
            audit.record(actor, "knowledge.create", article, after=audit.snapshot(article))
        else:
            article = records.update(actor, records.load(KnowledgeArticle, article_id), expected_version, fields,
                                     "knowledge.update")
    return get_article(article.id)
