"""Global search (Ctrl+K): one text box that finds any record by number, reporter name or phone.

`find(text)` looks in every register the desk keeps and returns `Hit`s whose `kind` is one of
`services.today.KINDS`, so the UI opens them through the same routing as the Today tab:

- a record number (GD-… ticket, TS-… complaint, HF-… revisit form, GS-… improvement project,
  DC-… survey plan, report numbers) or a part of one;
- a phone number (4 digits or more): tickets by the reporter's phone, the tickets and complaints of
  the contacts with that phone, complaints and revisit forms by phone;
- any other text: the ticket search of `services.search` (number, reporter, description,
  resolution), complaints by complainant or description, revisit forms by reporter, improvement
  projects by problem description.

Exact number matches come first, then the other hits in the order above. With an `actor`, revisit
forms are limited to the ones that actor may see (a team lead: their team's), as in `revisits`.
"""

import re
from dataclasses import dataclass

from desk_app.i18n import N_, label, t
from desk_app.models import (
    Complaint,
    Contact,
    ImprovementProject,
    Report,
    RevisitForm,
    SurveyPlan,
    Ticket,
)
from desk_app.services import complaints, ticket_list
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, can
from desk_app.services.revisits import _can_see_all as _sees_all_revisit_forms

MAX_TEXT = 100
MIN_PHONE_DIGITS = 4
_PHONE = re.compile(r"^\+?[\d\s()\-]+$")
_NUMBER = re.compile(r"^[A-Za-z]{2,3}-[\dA-Za-z\-]*$|^\d{4,}-[\d\-]*$")


@dataclass(frozen=True)
class Hit:
    """One search result: the record to open (kind + id as the Today tab's) and two lines of text."""

    kind: str  # one of services.today.KINDS
    id: int
    title: str  # e.g. "GD-20261121-0007 · 王老师"
    detail: str  # what kind of record, its state and a short description


_KIND_LABELS = {"ticket": N_("Ticket"), "callback": N_("Callback"), "revisit": N_("Revisit form"),
                "complaint": N_("Complaint"), "improvement": N_("Improvement project"), "report": N_("Report"),
                "survey_plan": N_("Survey plan")}


def kind_label(kind: str) -> str:
    return t(_KIND_LABELS.get(kind, kind))


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _short(text: str, n: int = 50) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def phone_digits(text: str) -> str:
    """The digits of `text` if it looks like (a part of) a phone number, else ""."""
    if not _PHONE.match(text):
        return ""
    digits = re.sub(r"\D", "", text)
    return digits if len(digits) >= MIN_PHONE_DIGITS else ""


def looks_like_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


class _Collector:
    def __init__(self, limit: int):
        self.limit = limit
        self.hits: list[Hit] = []
        self.exact: list[Hit] = []
        self.seen: set[tuple[str, int]] = set()

    @property
    def full(self) -> bool:
        return len(self.hits) + len(self.exact) >= self.limit

    def add(self, hit: Hit, exact: bool = False) -> None:
        key = (hit.kind, hit.id)
        if key in self.seen or self.full:
            return
        self.seen.add(key)
        (self.exact if exact else self.hits).append(hit)

    def result(self) -> list[Hit]:
        return (self.exact + self.hits)[: self.limit]


# --- hits per register ------------------------------------------------------------------------------


def _ticket_hit(ticket_id: int, number: str, reporter: str, state: str, description: str, extra: str = "") -> Hit:
    return Hit("ticket", ticket_id, _join(number, reporter, extra),
               _join(kind_label("ticket"), label(state), _short(description)))


def _ticket_query():
    return Ticket.select(Ticket.id, Ticket.number, Ticket.reporter_name, Ticket.state, Ticket.description,
                         Ticket.reporter_phone)


def _complaint_hit(c: Complaint) -> Hit:
    return Hit("complaint", c.id, _join(c.number, c.complainant, c.phone),
               _join(kind_label("complaint"), label(c.state), _short(c.description)))


def _revisit_hit(f: RevisitForm) -> Hit:
    return Hit("revisit", f.id, _join(f.number, f.reporter_name, f.reporter_phone),
               _join(kind_label("revisit"), label(f.state), _short(f.customer_problems)))


def _project_hit(p: ImprovementProject) -> Hit:
    return Hit("improvement", p.id, p.number, _join(kind_label("improvement"), label(p.state), _short(p.problem)))


def _revisit_query(actor: Actor | None):
    query = RevisitForm.select()
    if actor is None:
        return query
    if not (can(actor, Permission.FILL_REVISIT) or can(actor, Permission.VIEW_ALL_RESULTS)):
        return None
    if not _sees_all_revisit_forms(actor):
        if actor.team_id is None:
            return None
        query = query.where(RevisitForm.team == actor.team_id)
    return query


def _by_number(found: _Collector, text: str, actor: Actor | None) -> None:
    upper = text.upper()
    n = found.limit
    for tid, number, reporter, state, description, _phone in (
            _ticket_query().where(Ticket.number.contains(upper)).order_by(Ticket.number.desc()).limit(n).tuples()):
        found.add(_ticket_hit(tid, number, reporter, state, description), exact=number == upper)
    for c in Complaint.select().where(Complaint.number.contains(upper)).order_by(Complaint.number.desc()).limit(n):
        found.add(_complaint_hit(c), exact=c.number == upper)
    revisit_forms = _revisit_query(actor)
    if revisit_forms is not None:
        for f in revisit_forms.where(RevisitForm.number.contains(upper)).order_by(RevisitForm.number.desc()).limit(n):
            found.add(_revisit_hit(f), exact=f.number == upper)
    for p in (ImprovementProject.select().where(ImprovementProject.number.contains(upper))
              .order_by(ImprovementProject.number.desc()).limit(n)):
        found.add(_project_hit(p), exact=p.number == upper)
    plans = SurveyPlan.select().where(SurveyPlan.number.contains(upper)).order_by(SurveyPlan.number.desc())
    for plan in plans.limit(n):
        found.add(Hit("survey_plan", plan.id, _join(plan.number, plan.title),
                      _join(kind_label("survey_plan"), plan.period)), exact=plan.number == upper)
    for r in (Report.select(Report.id, Report.number, Report.title, Report.report_version, Report.state)
              .where(Report.number.contains(upper)).order_by(Report.number.desc(), Report.report_version.desc())
              .limit(n)):
        found.add(Hit("report", r.id, _join(r.number, f"V{r.report_version}"),
                      _join(kind_label("report"), r.title)), exact=r.number == upper)


def _by_phone(found: _Collector, digits: str, actor: Actor | None) -> None:
    n = found.limit
    contacts = {c.id: c for c in Contact.select().where(Contact.phone.contains(digits)).limit(n)}
    condition = Ticket.reporter_phone.contains(digits)
    if contacts:
        condition = condition | Ticket.contact.in_(list(contacts))
    for tid, number, reporter, state, description, phone in (
            _ticket_query().where(condition).order_by(Ticket.reported_at.desc()).limit(n).tuples()):
        found.add(_ticket_hit(tid, number, reporter, state, description, phone))
    condition = Complaint.phone.contains(digits)
    if contacts:
        condition = condition | Complaint.contact.in_(list(contacts))
    for c in Complaint.select().where(condition).order_by(Complaint.received_at.desc()).limit(n):
        found.add(_complaint_hit(c))
    revisit_forms = _revisit_query(actor)
    if revisit_forms is not None:
        revisit_forms = revisit_forms.where(RevisitForm.reporter_phone.contains(digits))
        for f in revisit_forms.order_by(RevisitForm.id.desc()).limit(n):
            found.add(_revisit_hit(f))


def _by_text(found: _Collector, text: str, actor: Actor | None) -> None:
    n = found.limit
    for row in ticket_list.list_tickets(ticket_list.TicketFilter(text=text), limit=n):
        found.add(Hit("ticket", row.id, _join(row.number, row.reporter_name, row.unit_name),
                      _join(kind_label("ticket"), label(row.state), _short(row.summary))))
    ids = [r.id for r in complaints.list_complaints(complaints.ComplaintFilter(text=text), limit=n)]
    if ids:
        by_id = {c.id: c for c in Complaint.select().where(Complaint.id.in_(ids))}
        for complaint_id in ids:
            found.add(_complaint_hit(by_id[complaint_id]))
    revisit_forms = _revisit_query(actor)
    if revisit_forms is not None:
        for f in revisit_forms.where(RevisitForm.reporter_name.contains(text)).order_by(RevisitForm.id.desc()).limit(n):
            found.add(_revisit_hit(f))
    for p in (ImprovementProject.select().where(ImprovementProject.problem.contains(text))
              .order_by(ImprovementProject.id.desc()).limit(n)):
        found.add(_project_hit(p))


def find(text: str, limit: int = 20, actor: Actor | None = None) -> list[Hit]:
    """Up to `limit` records matching `text`, exact number matches first (see the module docstring)."""
    text = " ".join((text or "").split())[:MAX_TEXT]
    if not text or limit <= 0:
        return []
    found = _Collector(limit)
    digits = phone_digits(text)
    if looks_like_number(text) or (digits and "-" in text):
        _by_number(found, text, actor)
    if digits and not found.full:
        _by_phone(found, digits, actor)
    if not found.full and not looks_like_number(text):
        _by_text(found, text, actor)
    return found.result()
