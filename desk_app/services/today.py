"""The Today tab's data: each person's work for today, gathered from the other services (no Qt).

`today_for(actor)` returns the sections that fit the actor's roles; every item names the record it
opens (kind + id), its due time and whether it is overdue. The chart functions give the managers'
figures: callback satisfaction by week, complaints by month and this month's standings.

Whose items: tickets are the actor's own (assignee or recorder, as `TicketFilter.mine_user_id`),
callbacks the actor's own worklist, self-evaluations and revisit forms the team lead's team; the
manager and quality sections are desk-wide (those roles see everything anyway).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from peewee import JOIN, Field, fn

from desk_app.i18n import N_, label, t
from desk_app.models import (
    Complaint,
    CustomerUnit,
    ImprovementProject,
    ImprovementStep,
    OutboxMessage,
    Report,
    SurveyPlan,
    SurveyRecipient,
    Ticket,
    User,
)
from desk_app.models.base import now as model_now
from desk_app.models.enums import (
    ComplaintState,
    ImprovementState,
    PlanState,
    ReportState,
    RevisitState,
    Role,
)
from desk_app.services import callbacks, complaints, evaluations, indicators, kpi, outbox, revisits
from desk_app.services.actor import Actor
from desk_app.services.permissions import Permission, can
from desk_app.services.ticket_rules import OPEN_STATES
from desk_app.services.validation import as_datetime

#: A ticket is "near" its service level when a due time falls within this window from now.
NEAR_SLA = timedelta(hours=2)

#: Record kinds an item can open (the Today tab's `open_record` signal carries one of these).
KINDS = ("ticket", "callback", "revisit", "complaint", "improvement", "report", "survey_plan", "outbox")

#: Section keys, in the order they are shown. The UI translates the key into a heading.
MY_TICKETS = "my_tickets"
MY_CALLBACKS = "my_callbacks"
SELF_EVALUATION = "self_evaluation"
REVISIT_FORMS = "revisit_forms"
COMPLAINTS_TO_VERIFY = "complaints_to_verify"
COMPLAINTS_OVERDUE = "complaints_overdue"
REPORTS_TO_REVIEW = "reports_to_review"
REPORTS_TO_APPROVE = "reports_to_approve"
IMPROVEMENT_STEPS_OVERDUE = "improvement_steps_overdue"
SURVEY_PLANS = "survey_plans"
SURVEY_REMINDERS = "survey_reminders"
MAIL_PROBLEMS = "mail_problems"

#: How long a message to somebody without an address stays on Today (it cannot be retried or cancelled).
NO_ADDRESS_SHOWN = timedelta(days=7)

#: English headings (the UI has its own tr() copies; these serve the CLI and logs via t()).
TITLES: dict[str, str] = {
    MY_TICKETS: "My tickets near or past their service level",
    MY_CALLBACKS: "My callbacks due today or overdue",
    SELF_EVALUATION: "Tickets waiting for self-evaluation",
    REVISIT_FORMS: "Revisit forms due before the fault analysis meeting",
    COMPLAINTS_TO_VERIFY: "Complaints waiting for verification",
    COMPLAINTS_OVERDUE: "Complaints past their agreed time",
    REPORTS_TO_REVIEW: "Reports waiting for review",
    REPORTS_TO_APPROVE: "Reports waiting for approval",
    IMPROVEMENT_STEPS_OVERDUE: "Improvement steps overdue",
    SURVEY_PLANS: "Survey plans collecting",
    SURVEY_REMINDERS: "Survey recipients to remind",
    MAIL_PROBLEMS: "Mail not delivered",
}


@dataclass(frozen=True)
class TodayItem:
    """One line: what it is, the record it opens, and when it is due."""

    text: str
    kind: str  # one of KINDS
    record_id: int
    due: datetime | date | None = None
    overdue: bool = False
    detail: str = ""  # a short second column, e.g. "first response" or "12 of 20 returned (60 %)"


@dataclass(frozen=True)
class TodaySection:
    key: str  # one of the section keys above
    items: tuple[TodayItem, ...]
    count: int  # items needing action (the tab title's counter adds these up)

    @property
    def title(self) -> str:
        return t(TITLES[self.key])

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue)


@dataclass(frozen=True)
class TodayView:
    at: datetime
    sections: tuple[TodaySection, ...] = field(default_factory=tuple)
    show_charts: bool = False  # managers get the charts

    @property
    def count(self) -> int:
        return sum(s.count for s in self.sections)

    def section(self, key: str) -> TodaySection | None:
        return next((s for s in self.sections if s.key == key), None)


def _at(now: datetime | None) -> datetime:
    value = now or model_now()
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def _sorted(items: list[TodayItem]) -> tuple[TodayItem, ...]:
    """Overdue first, then soonest due; undated last, in their given order."""
    def key(pair: tuple[int, TodayItem]):
        i, item = pair
        due = item.due
        if isinstance(due, datetime):
            stamp = due
        elif isinstance(due, date):
            stamp = datetime.combine(due, datetime.min.time())
        else:
            stamp = datetime.max
        return (not item.overdue, stamp, i)

    return tuple(item for _, item in sorted(enumerate(items), key=key))


def _section(key: str, items: list[TodayItem], *, keep_order: bool = False) -> TodaySection:
    ordered = tuple(items) if keep_order else _sorted(items)
    return TodaySection(key, ordered, len(ordered))


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


# --------------------------------------------------------------------------- sections


def my_tickets(actor: Actor, at: datetime, near: timedelta = NEAR_SLA) -> TodaySection:
    """Open tickets assigned to or recorded by the actor whose first response or resolution is due
    within `near` (or already past)."""
    horizon = at + near
    query = (Ticket.select(Ticket.id, Ticket.number, Ticket.reporter_name, Ticket.description,
                           Ticket.first_response_due, Ticket.first_response_at, Ticket.resolution_due)
             .where(Ticket.state.in_(list(OPEN_STATES))
                    & ((Ticket.assignee == actor.id) | (Ticket.created_by == actor.id))
                    & ((Ticket.first_response_at.is_null() & (Ticket.first_response_due <= horizon))
                       | (Ticket.resolution_due <= horizon)))
             .order_by(Ticket.id)
             .tuples())
    items = []
    for tid, number, reporter, description, fr_due, fr_at, res_due in query:
        fr_due, fr_at, res_due = as_datetime(fr_due), as_datetime(fr_at), as_datetime(res_due)
        # The service level that bites first: the first response while none was recorded.
        if fr_at is None and fr_due is not None and fr_due <= horizon:
            due, what = fr_due, t("first response")
        else:
            due, what = res_due, t("resolution")
        summary = " ".join((description or "").split())[:60]
        items.append(TodayItem(_join(number, reporter, summary), "ticket", tid, due,
                               due is not None and due < at, what))
    return _section(MY_TICKETS, items)


def my_callbacks(actor: Actor, at: datetime) -> TodaySection:
    """The actor's open callbacks due by the end of today (overdue ones included)."""
    rows = callbacks.my_worklist(actor, now=at)
    items = [TodayItem(_join(r.ticket_number, r.reporter_name, r.unit_name), "callback", r.id, r.due_at,
                       r.overdue, _join(r.technician_name, r.team_name))
             for r in rows if r.due_at is not None and r.due_at.date() <= at.date()]
    return _section(MY_CALLBACKS, items)


def self_evaluation_queue(actor: Actor, at: datetime) -> TodaySection:
    """Closed tickets of the team lead's team without a self-evaluation (R9), oldest first."""
    rows = evaluations.queue_for_team_lead(actor)
    items = [TodayItem(_join(r.number, r.technician_name, " ".join(r.description.split())[:60]), "ticket",
                       r.ticket_id, None, False,
                       t("closed {when}", when=f"{r.closed_at:%Y-%m-%d %H:%M}") if r.closed_at else "")
             for r in rows]
    return _section(SELF_EVALUATION, items, keep_order=True)


def open_revisit_forms(actor: Actor, at: datetime) -> TodaySection:
    """Open revisit forms of the team lead's team; each is due the working day before the meeting (R18)."""
    rows = revisits.list_forms(actor, state=RevisitState.OPEN.value, today=at.date())
    items = [TodayItem(_join(r.number, r.ticket_number, r.reporter_name), "revisit", r.id, r.due_date, r.overdue,
                       r.team_name) for r in rows]
    return _section(REVISIT_FORMS, items)


def complaints_to_verify(at: datetime) -> TodaySection:
    """Complaints dispatched (05) whose department has recorded its measures: the manager verifies (06)."""
    query = (Complaint.select(Complaint.id, Complaint.number, Complaint.complainant, Complaint.department,
                              Complaint.due_at, CustomerUnit.name)
             .join(CustomerUnit, JOIN.LEFT_OUTER, on=(Complaint.unit == CustomerUnit.id))
             .where((Complaint.state == ComplaintState.DISPATCHED.value) & (fn.TRIM(Complaint.measures) != ""))
             .order_by(Complaint.id).tuples())
    items = []
    for cid, number, complainant, department, due_at, unit in query:
        due = as_datetime(due_at)
        items.append(TodayItem(_join(number, complainant, unit or ""), "complaint", cid, due,
                               due is not None and due < at, department))
    return _section(COMPLAINTS_TO_VERIFY, items)


def complaints_overdue(at: datetime) -> TodaySection:
    """R24: open complaints past their agreed resolution time (they go to the manager)."""
    rows = complaints.overdue_complaints(at)
    items = [TodayItem(_join(r.number, r.complainant, r.unit_name), "complaint", r.id, r.due_at, True,
                       f"{r.code} {label(r.state)}") for r in rows]
    return _section(COMPLAINTS_OVERDUE, items)


def _reports_waiting(key: str, state: ReportState, since: Field, waiting: str, actor: Actor) -> TodaySection:
    """Reports in `state`, longest waiting first, without those `actor` drafted (they may not sign them, R44)."""
    query = (Report.select(Report.id, Report.number, Report.title, Report.report_version, since, User.full_name)
             .join(User, JOIN.LEFT_OUTER, on=(Report.drafter == User.id))
             .where((Report.state == state.value) & ((Report.drafter != actor.id) | Report.drafter.is_null()))
             .order_by(since, Report.id).tuples())
    items = [TodayItem(_join(number, title, f"V{version}"), "report", rid, None, False,
                       _join(drafter or "", t(waiting, when=f"{as_datetime(when):%Y-%m-%d}") if when else ""))
             for rid, number, title, version, when, drafter in query]
    return _section(key, items, keep_order=True)


def reports_to_review(actor: Actor) -> TodaySection:
    """Reports submitted for review (R44)."""
    return _reports_waiting(REPORTS_TO_REVIEW, ReportState.SUBMITTED, Report.submitted_at, N_("submitted {when}"),
                            actor)


def reports_to_approve(actor: Actor) -> TodaySection:
    """Reviewed reports waiting for a manager's approval (R37, R44)."""
    return _reports_waiting(REPORTS_TO_APPROVE, ReportState.REVIEWED, Report.reviewed_at, N_("reviewed {when}"),
                            actor)


def improvement_steps_overdue(at: datetime) -> TodaySection:
    """Unfinished work-plan steps past their due date, of projects not yet confirmed (R26)."""
    today = at.date()
    query = (ImprovementStep.select(ImprovementStep.id, ImprovementStep.description, ImprovementStep.due_date,
                                    ImprovementStep.owner_name, User.full_name, ImprovementProject.id,
                                    ImprovementProject.number)
             .join(ImprovementProject)
             .switch(ImprovementStep).join(User, JOIN.LEFT_OUTER, on=(ImprovementStep.owner == User.id))
             .where(ImprovementStep.done_at.is_null() & (ImprovementStep.due_date < today)
                    & (ImprovementProject.state != ImprovementState.CONFIRMED.value))
             .order_by(ImprovementStep.due_date, ImprovementStep.id).tuples())
    items = []
    for _sid, description, due_date, owner_name, owner_full, pid, number in query:
        due = due_date if isinstance(due_date, date) else date.fromisoformat(str(due_date))
        items.append(TodayItem(_join(number, " ".join(description.split())[:60]), "improvement", pid, due, True,
                               owner_full or owner_name))
    return _section(IMPROVEMENT_STEPS_OVERDUE, items)


@dataclass(frozen=True)
class PlanProgress:
    plan_id: int
    number: str
    title: str
    state: str
    recipients: int
    returned: int
    collect_by: date | None

    @property
    def response_rate(self) -> float | None:
        """Returned ÷ recipients, in percent (None without recipients)."""
        return round(100.0 * self.returned / self.recipients, 1) if self.recipients else None


_ACTIVE_PLANS = (PlanState.DISTRIBUTING.value, PlanState.COLLECTING.value)


def plan_progress() -> list[PlanProgress]:
    """Survey plans being distributed or collected, with their response counts."""
    query = (SurveyPlan.select(SurveyPlan.id, SurveyPlan.number, SurveyPlan.title, SurveyPlan.state,
                               SurveyPlan.collect_by, fn.COUNT(SurveyRecipient.id),
                               fn.COUNT(SurveyRecipient.returned_at))
             .join(SurveyRecipient, JOIN.LEFT_OUTER)
             .where(SurveyPlan.state.in_(_ACTIVE_PLANS))
             .group_by(SurveyPlan.id).order_by(SurveyPlan.collect_by, SurveyPlan.id).tuples())
    rows = []
    for pid, number, title, state, collect_by, total, back in query:
        if collect_by is not None and not isinstance(collect_by, date):
            collect_by = date.fromisoformat(str(collect_by))
        rows.append(PlanProgress(pid, number, title, state, int(total or 0), int(back or 0), collect_by))
    return rows


def survey_plans(at: datetime) -> TodaySection:
    items = []
    for p in plan_progress():
        rate = p.response_rate
        detail = t("{returned} of {total} returned ({rate} %)", returned=p.returned, total=p.recipients,
                   rate="—" if rate is None else f"{rate:g}")
        items.append(TodayItem(_join(p.number, p.title), "survey_plan", p.plan_id, p.collect_by,
                               p.collect_by is not None and p.collect_by < at.date(), detail))
    return _section(SURVEY_PLANS, items)


def survey_reminders(at: datetime) -> TodaySection:
    """R30a: recipients of active plans who have not returned their questionnaire."""
    query = (SurveyRecipient.select(SurveyRecipient.name, SurveyRecipient.reminded_at, CustomerUnit.name,
                                    SurveyPlan.id, SurveyPlan.number, SurveyPlan.collect_by)
             .join(SurveyPlan)
             .switch(SurveyRecipient).join(CustomerUnit, JOIN.LEFT_OUTER,
                                           on=(SurveyRecipient.unit == CustomerUnit.id))
             .where(SurveyPlan.state.in_(_ACTIVE_PLANS) & SurveyRecipient.returned_at.is_null())
             .order_by(SurveyPlan.collect_by, SurveyPlan.id, SurveyRecipient.reminded_at.asc(nulls="first"),
                       SurveyRecipient.id)
             .tuples())
    items = []
    for name, reminded_at, unit, pid, number, collect_by in query:
        if collect_by is not None and not isinstance(collect_by, date):
            collect_by = date.fromisoformat(str(collect_by))
        reminded = as_datetime(reminded_at)
        detail = _join(number, t("reminded {when}", when=f"{reminded:%Y-%m-%d}") if reminded else
                       t("not reminded yet"))
        items.append(TodayItem(_join(name, unit or ""), "survey_plan", pid, collect_by,
                               collect_by is not None and collect_by < at.date(), detail))
    return _section(SURVEY_REMINDERS, items, keep_order=True)


def mail_problems(at: datetime) -> TodaySection:
    """R52: messages the server refused for good (with its answer) and, for a week, recipients without an
    address; each opens the outbox, where a failed one is retried or cancelled."""
    query = (OutboxMessage.select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.recipient,
                                  OutboxMessage.recipient_name, OutboxMessage.subject, OutboxMessage.last_code,
                                  OutboxMessage.last_answer)
             .where((OutboxMessage.status == outbox.FAILED)
                    | ((OutboxMessage.status == outbox.NO_ADDRESS)
                       & (OutboxMessage.created_at >= at - NO_ADDRESS_SHOWN)))
             .order_by(OutboxMessage.id.desc()).tuples())
    items = []
    for mid, status, address, name, subject, code, answer in query:
        who = f"{name} <{address}>" if address and name else address or name
        detail = f"{code} {answer}" if code and status == outbox.FAILED else answer
        items.append(TodayItem(_join(who, subject), "outbox", mid, None, False, " ".join(detail.split())))
    return _section(MAIL_PROBLEMS, items, keep_order=True)


# --------------------------------------------------------------------------- the view


def today_for(actor: Actor, now: datetime | None = None) -> TodayView:
    """The actor's work for today: the sections of their roles (an empty section still shows)."""
    at = _at(now)
    sections: list[TodaySection] = []
    if can(actor, Permission.TICKET_WORK) or can(actor, Permission.TICKET_CREATE):
        sections.append(my_tickets(actor, at))
    if can(actor, Permission.DO_CALLBACK):
        sections.append(my_callbacks(actor, at))
    if actor.has_role(Role.TEAM_LEAD):
        sections.append(self_evaluation_queue(actor, at))
        sections.append(open_revisit_forms(actor, at))
    if actor.has_role(Role.MANAGER):
        sections.append(complaints_to_verify(at))
        sections.append(complaints_overdue(at))
        sections.append(reports_to_review(actor))
        sections.append(reports_to_approve(actor))
        sections.append(improvement_steps_overdue(at))
    if actor.has_role(Role.QUALITY):
        if not actor.has_role(Role.MANAGER):
            sections.append(reports_to_review(actor))
        sections.append(survey_plans(at))
        sections.append(survey_reminders(at))
    if can(actor, Permission.MANAGE_SETTINGS):
        sections.append(mail_problems(at))
    return TodayView(at, tuple(sections), show_charts=actor.has_role(Role.MANAGER))


# --------------------------------------------------------------------------- chart data


@dataclass(frozen=True)
class WeekRate:
    week_start: date  # a Monday
    rate: float | None  # percent; None when the week had no callback evaluations


def weekly_callback_satisfaction(weeks: int = 12, now: datetime | None = None) -> list[WeekRate]:
    """Callback satisfaction rate (satisfied + basically satisfied, %) per week, oldest first; the
    last entry is the current week so far."""
    today = _at(now).date()
    monday = today - timedelta(days=today.weekday())
    rows = []
    for back in range(weeks - 1, -1, -1):
        start = monday - timedelta(weeks=back)
        begin = datetime.combine(start, datetime.min.time())
        rows.append(WeekRate(start, indicators.callback_satisfaction_rate(begin, begin + timedelta(days=7))))
    return rows


def _month_start(day: date, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def complaints_per_month(months: int = 12, now: datetime | None = None) -> list[tuple[str, int]]:
    """Complaints received per month ('YYYY-MM', count), oldest first, months without any as 0."""
    at = _at(now)
    first = _month_start(at.date(), months - 1)
    counts = dict(complaints.analysis(first, at.date(), at).by_month)
    labels = [f"{_month_start(at.date(), back):%Y-%m}" for back in range(months - 1, -1, -1)]
    return [(m, int(counts.get(m, 0))) for m in labels]


def month_standings_top(actor: Actor | None = None, top: int = 10,
                        now: datetime | None = None) -> list[kpi.StandingRow]:
    """This month's best technicians so far (R32), best first (R2 restrictions via `actor`)."""
    month = f"{_at(now):%Y-%m}"
    return kpi.monthly_standings(month, actor).technicians[:top]
