"""Demo step: knowledge articles (R7) made from closed tickets, one per kind of fault and fix."""

from datetime import timedelta

from desk_app.demo import vocabulary as V
from desk_app.demo.context import DemoContext, bulk_insert
from desk_app.models import KnowledgeArticle, Ticket
from desk_app.models.enums import TicketState

ARTICLE_SHARE = 0.6  # share of the (fault, fix) pairs that got written up


def create_articles(ctx: DemoContext) -> None:
    closed = TicketState.CLOSED.value
    chosen: dict[tuple[int, int], object] = {}
    for ticket in ctx.tickets:  # in order of reporting: the first closed ticket of each pair
        if ticket.state == closed and (ticket.fault, ticket.fix) not in chosen and ticket.repeat_of is None:
            chosen[(ticket.fault, ticket.fix)] = ticket
    pairs = sorted(chosen)
    picked = [chosen[pair] for pair in pairs if ctx.rng.random() < ARTICLE_SHARE]
    descriptions = dict(Ticket.select(Ticket.id, Ticket.description)
                        .where(Ticket.id.in_([t.id for t in picked])).tuples())
    leads = {team.id: team.lead_id for team in ctx.teams}
    rows = []
    for ticket in picked:
        fault = V.FAULTS[ticket.fault]
        cause, solution = fault.fixes[ticket.fix]
        at = min(ticket.closed_at + timedelta(days=ctx.rng.randint(1, 5)), ctx.now)
        author = leads.get(ticket.team_id) or ticket.assignee_id
        rows.append({
            "title": f"{fault.title}：{cause}", "symptom": descriptions[ticket.id], "cause": cause,
            "solution": solution, "source_ticket": ticket.id, "created_by": author, "updated_by": author,
            "created_at": at, "updated_at": at, "version": 1,
        })
    bulk_insert(KnowledgeArticle, rows)
