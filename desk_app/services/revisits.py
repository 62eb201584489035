"""Dissatisfaction revisit forms (不满意回访表, §4: R17–R19) and the monthly fault analysis
meeting pack (故障分析会, R18a).

A dissatisfied callback (R15) creates the form for the team lead of the ticket's team, prefilled
from the ticket and the call. Its due date is the working day before the next fault analysis
meeting: the meeting that discusses month M (the closing month of the ticket) is held in month
M+1 on the day of setting `meeting.day` (a `Meeting` record of month M overrides the date), moved
to the next working day when that day is a weekend or holiday. When that meeting's deadline has
already passed (a late callback), the following month's meeting counts instead.
"""

from dataclasses import dataclass
from datetime import date, datetime

from desk_app.errors import PermissionDenied, ValidationError
from desk_app.i18n import N_, t
from desk_app.models import (
    Callback,
    Evaluation,
    ImprovementProject,
    Meeting,
    RevisitForm,
    Team,
    Ticket,
    User,
)
from desk_app.models.base import LONG_TEXT, SHORT_TEXT
from desk_app.models.enums import ImprovementState, RevisitState, Role, rating_at_or_below
from desk_app.services import audit, records, settings
from desk_app.services.actor import Actor
from desk_app.services.calendar import WorkCalendar
from desk_app.services.evaluations import (
    EvaluationRow,
    check_team_lead_of,
    evaluation_row,
    is_dissatisfied,
    is_manager,
    month_bounds,
)
from desk_app.services.numbering import next_number
from desk_app.services.permissions import Permission, can, require
from desk_app.services.validation import clean_text

#: Dissatisfaction types of R17 (stored comma-separated in RevisitForm.dissatisfaction_types).
RESPONSE_SPEED = "response_speed"  # 维修人员故障响应速度
ATTITUDE = "attitude"  # 维修人员服务态度
DEVICE_STATE = "device_state"  # 经维修后设备运行状态
OTHER = "other"  # 其它
DISSATISFACTION_TYPES: tuple[str, ...] = (RESPONSE_SPEED, ATTITUDE, DEVICE_STATE, OTHER)
TYPE_LABELS = {
    RESPONSE_SPEED: N_("Response speed"),
    ATTITUDE: N_("Service attitude"),
    DEVICE_STATE: N_("Device state after repair"),
    OTHER: N_("Other"),
}


@dataclass(frozen=True)
class RevisitRow:
    """Every field of the paper form (R17) plus its state and the meeting decision (R18a)."""

    id: int
    number: str
    state: str  # RevisitState
    ticket_id: int
    ticket_number: str
    team_id: int | None
    team_name: str
    team_lead_id: int | None
    team_lead_name: str
    reporter_name: str
    reporter_location: str
    reported_at: datetime | None
    reporter_phone: str
    callback_person: str
    callback_at: datetime | None
    rating: str  # the rating that caused the form
    customer_problems: str
    dissatisfaction_types: tuple[str, ...]
    dissatisfaction_other: str
    revisit_notes: str
    corrective_measures: str
    due_date: date
    overdue: bool
    submitted_at: datetime | None
    meeting_date: date | None
    agreed_measure: str
    project_ids: tuple[int, ...]
    project_numbers: tuple[str, ...]
    version: int


@dataclass(frozen=True)
class ProjectRef:
    id: int
    number: str


@dataclass(frozen=True)
class MeetingItem:
    """One dissatisfied evaluation of the month, with its revisit form and measures if any."""

    evaluation: EvaluationRow
    revisit_form_id: int | None
    revisit_form_number: str
    revisit_state: str
    corrective_measures: str  # the form's measures, or the self-evaluation's corrective note
    agreed_measure: str
    project_numbers: tuple[str, ...]


@dataclass(frozen=True)
class ProjectItem:
    id: int
    number: str
    problem: str
    source: str
    state: str
    initial_measure: str
    agreed_measure: str
    meeting_date: date | None
    owner_name: str
    revisit_form_number: str


@dataclass(frozen=True)
class MeetingPack:
    """R18a: what the monthly fault analysis meeting discusses (the PDF agenda is built from this)."""

    month: str  # the month whose evaluations are discussed (ticket closing month)
    meeting_date: date
    items: list[MeetingItem]
    projects: list[ProjectItem]  # improvement projects not yet confirmed: to discuss or confirm


# ---------------------------------------------------------------------------------------------
# meeting dates and due dates


def _shift_month(month: str, n: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def meeting_date_for(month: str, cal: WorkCalendar | None = None) -> date:
    """The date of the fault analysis meeting that discusses `month` ('YYYY-MM').

    A stored Meeting record decides; otherwise day `meeting.day` of the following month, moved to
    the next working day if it is not one.
    """
    month_bounds(month)  # validates
    meeting = Meeting.get_or_none(Meeting.month == month)
    if meeting is not None:
        return meeting.meeting_date
    cal = cal or WorkCalendar.load()
    following = _shift_month(month, 1)
    day = date(int(following[:4]), int(following[5:7]), int(settings.get("meeting.day")))  # type: ignore[arg-type]
    return cal.on_or_after(day)


def revisit_due_date(closed_on: date, today: date, cal: WorkCalendar | None = None) -> date:
    """R18: the working day before the next meeting that can still take the form (see module text)."""
    cal = cal or WorkCalendar.load()
    month = f"{closed_on:%Y-%m}"
    for _ in range(36):
        due = cal.previous_working_day(meeting_date_for(month, cal))
        if due >= today:
            return due
        month = _shift_month(month, 1)
    return today


# ---------------------------------------------------------------------------------------------
# creation (from complete_callback) and rows


def _team_lead_of(team_id: int | None) -> int | None:
    if team_id is None:
        return None
    for user in User.select().where((User.team == team_id) & (User.active == True)).order_by(User.id):  # noqa: E712
        if Role.TEAM_LEAD in user.role_set():
            return user.id
    return None


def create_for_callback(actor: Actor, evaluation: Evaluation, callback: Callback, moment: datetime) -> RevisitForm:
    """R15: the revisit form of a dissatisfied callback, prefilled (R17). Call inside the caller's transaction."""
    ticket: Ticket = callback.ticket
    caller = User.get_or_none(User.id == callback.caller_id) if callback.caller_id else None
    types = []
    if callback.contacted_within_hour is False:
        types.append(RESPONSE_SPEED)
    if callback.attitude and rating_at_or_below(callback.attitude, "dissatisfied"):
        types.append(ATTITUDE)
    if callback.device_working is False:
        types.append(DEVICE_STATE)
    closed_on = (ticket.closed_at or moment).date()
    form = RevisitForm.create(
        number=next_number(RevisitForm.number, f"HF-{moment:%Y%m%d}-", 3),
        ticket=ticket.id, team=ticket.team_id, team_lead=_team_lead_of(ticket.team_id), evaluation=evaluation.id,
        callback=callback.id, reporter_name=ticket.reporter_name, reporter_location=ticket.reporter_location,
        reporter_phone=ticket.reporter_phone, reported_at=ticket.reported_at,
        callback_person=caller.full_name if caller else "", callback_at=moment,
        customer_problems=callback.comment, dissatisfaction_types=",".join(types),
        due_date=revisit_due_date(closed_on, moment.date()), state=RevisitState.OPEN.value,
        created_at=moment, updated_at=moment, updated_by=actor.id)
    audit.record(actor, "revisit.create", form, after=audit.snapshot(form))
    return form


def _rows(forms: list[RevisitForm], today: date) -> list[RevisitRow]:
    """The forms as rows, with their ticket, team, lead, rating and projects read in one query each."""
    def names(model, field, ids) -> dict:
        ids = {i for i in ids if i}
        return dict(model.select(model.id, field).where(model.id.in_(ids)).tuples()) if ids else {}

    tickets = names(Ticket, Ticket.number, (f.ticket_id for f in forms))
    teams = names(Team, Team.name, (f.team_id for f in forms))
    leads = names(User, User.full_name, (f.team_lead_id for f in forms))
    ratings = names(Evaluation, Evaluation.rating, (f.evaluation_id for f in forms))
    projects: dict[int, list[tuple[int, str]]] = {}
    if forms:
        for pid, number, form_id in (ImprovementProject
                                     .select(ImprovementProject.id, ImprovementProject.number,
                                             ImprovementProject.revisit_form)
                                     .where(ImprovementProject.revisit_form.in_([f.id for f in forms]))
                                     .order_by(ImprovementProject.id).tuples()):
            projects.setdefault(form_id, []).append((pid, number))
    rows = []
    for form in forms:
        linked = projects.get(form.id, [])
        rows.append(RevisitRow(
            form.id, form.number, form.state, form.ticket_id, tickets.get(form.ticket_id, ""), form.team_id,
            teams.get(form.team_id, ""), form.team_lead_id, leads.get(form.team_lead_id, ""), form.reporter_name,
            form.reporter_location, form.reported_at, form.reporter_phone, form.callback_person, form.callback_at,
            ratings.get(form.evaluation_id, ""), form.customer_problems,
            tuple(x for x in form.dissatisfaction_types.split(",") if x), form.dissatisfaction_other,
            form.revisit_notes, form.corrective_measures, form.due_date,
            form.state == RevisitState.OPEN.value and today > form.due_date, form.submitted_at,
            form.meeting_date, form.agreed_measure, tuple(p for p, _n in linked), tuple(n for _p, n in linked),
            form.version))
    return rows


def _can_see_all(actor: Actor) -> bool:
    """Managers, and readers with VIEW_ALL_RESULTS who are not team leads (dispatchers, quality)."""
    return is_manager(actor) or (can(actor, Permission.VIEW_ALL_RESULTS) and not actor.has_role(Role.TEAM_LEAD))


def list_forms(actor: Actor, state: str | None = None, month: str | None = None,
               today: date | None = None) -> list[RevisitRow]:
    """Revisit forms: a team lead sees their own team's, a manager everyone's (R2). `month` filters
    by the ticket's closing month."""
    if not (can(actor, Permission.FILL_REVISIT) or can(actor, Permission.VIEW_ALL_RESULTS)):
        raise PermissionDenied(t("You are not allowed to do this: {action}.", action=t("fill revisit forms")))
    query = RevisitForm.select(RevisitForm).join(Ticket)
    if not _can_see_all(actor):
        if actor.team_id is None:
            return []
        query = query.where(RevisitForm.team == actor.team_id)
    if state:
        query = query.where(RevisitForm.state == state)
    if month:
        start, end = month_bounds(month)
        query = query.where((Ticket.closed_at >= start) & (Ticket.closed_at < end))
    day = today or date.today()
    return _rows(list(query.order_by(RevisitForm.due_date, RevisitForm.id)), day)


def get_form(actor: Actor, form_id: int, today: date | None = None) -> RevisitRow:
    form = records.load(RevisitForm, form_id)
    if not _can_see_all(actor):
        check_team_lead_of(actor, form.team_id, "fill revisit forms")
    return _rows([form], today or date.today())[0]


def _check_types(types: list[str] | tuple[str, ...]) -> str:
    for code in types:
        if code not in DISSATISFACTION_TYPES:
            raise ValidationError(t("{field} has the wrong form.", field=t("Dissatisfaction type")),
                                  field="dissatisfaction_types")
    return ",".join(c for c in DISSATISFACTION_TYPES if c in types)


def check_edit(actor: Actor, form: RevisitForm | None = None, changes: dict[str, object] | None = None) -> None:
    """Whether the actor may make these changes to the form, for `save_form` and the undo of its edit:
    a team lead of the form's team or a manager; not after the meeting has discussed it; the type
    "other" needs its description. Without a form only the permission is checked."""
    require(actor, Permission.FILL_REVISIT)
    if form is None:
        return
    check_team_lead_of(actor, form.team_id, "fill revisit forms")
    if form.state == RevisitState.DISCUSSED.value:
        raise ValidationError(t("This revisit form was discussed at the meeting and can no longer be changed."),
                              field="state")
    changes = changes or {}
    types = str(changes.get("dissatisfaction_types", form.dissatisfaction_types)).split(",")
    if OTHER in types and not changes.get("dissatisfaction_other", form.dissatisfaction_other):
        raise ValidationError(t("Describe the other dissatisfaction."), field="dissatisfaction_other")


def save_form(actor: Actor, form_id: int, expected_version: int | None, *,
              reporter_name: str | None = None, reporter_location: str | None = None,
              reporter_phone: str | None = None, reported_at: datetime | None = None,
              callback_person: str | None = None, callback_at: datetime | None = None,
              customer_problems: str | None = None, dissatisfaction_types: list[str] | tuple[str, ...] | None = None,
              dissatisfaction_other: str | None = None, revisit_notes: str | None = None,
              corrective_measures: str | None = None) -> RevisitRow:
    """Save the team lead's edits of the R17 fields (None = unchanged); see `check_edit`."""
    check_edit(actor)
    form = records.load(RevisitForm, form_id)
    changes: dict[str, object] = {}
    for name, value, limit in (("reporter_name", reporter_name, SHORT_TEXT),
                               ("reporter_location", reporter_location, SHORT_TEXT),
                               ("reporter_phone", reporter_phone, 40),
                               ("callback_person", callback_person, SHORT_TEXT),
                               ("customer_problems", customer_problems, LONG_TEXT),
                               ("dissatisfaction_other", dissatisfaction_other, LONG_TEXT),
                               ("revisit_notes", revisit_notes, LONG_TEXT),
                               ("corrective_measures", corrective_measures, LONG_TEXT)):
        if value is not None:
            changes[name] = clean_text(value, t(FIELD_LABELS[name]), max_length=limit, field=name)
    if reported_at is not None:
        changes["reported_at"] = reported_at
    if callback_at is not None:
        changes["callback_at"] = callback_at
    if dissatisfaction_types is not None:
        changes["dissatisfaction_types"] = _check_types(dissatisfaction_types)
    check_edit(actor, form, changes)
    with RevisitForm._meta.database.atomic():
        fresh = records.update(actor, form, expected_version, changes, "revisit.save")
    return _rows([fresh], date.today())[0]


FIELD_LABELS = {
    "reporter_name": N_("Reporter"),
    "reporter_location": N_("Reporter location"),
    "reporter_phone": N_("Reporter phone"),
    "callback_person": N_("Callback person"),
    "customer_problems": N_("Problems and suggestions"),
    "dissatisfaction_other": N_("Other dissatisfaction"),
    "revisit_notes": N_("Team lead's revisit notes"),
    "corrective_measures": N_("Corrective measures and suggestions"),
}


def submit_form(actor: Actor, form_id: int, expected_version: int | None, now: datetime | None = None) -> RevisitRow:
    """Hand the filled form in (before the meeting): revisit notes, measures and a type are required."""
    require(actor, Permission.FILL_REVISIT)
    form = records.load(RevisitForm, form_id)
    check_team_lead_of(actor, form.team_id, "fill revisit forms")
    if form.state != RevisitState.OPEN.value:
        raise ValidationError(t("This revisit form is already submitted."), field="state")
    for name in ("revisit_notes", "corrective_measures"):
        if not getattr(form, name).strip():
            raise ValidationError(t("{field} is required.", field=t(FIELD_LABELS[name])), field=name)
    if not form.dissatisfaction_types:
        raise ValidationError(t("{field} is required.", field=t("Dissatisfaction type")),
                              field="dissatisfaction_types")
    moment = (now or datetime.now()).replace(microsecond=0)
    with RevisitForm._meta.database.atomic():
        fresh = records.update(actor, form, expected_version,
                               {"state": RevisitState.SUBMITTED.value, "submitted_at": moment}, "revisit.submit")
    return _rows([fresh], moment.date())[0]


def record_meeting_decision(actor: Actor, form_id: int, expected_version: int | None, meeting_date: date,
                            agreed_measure: str) -> RevisitRow:
    """R18a: the measure agreed at the fault analysis meeting. Linked improvement projects still
    waiting for agreement (proposed / reopened) take the same decision."""
    require(actor, Permission.RECORD_MEETING)
    form = records.load(RevisitForm, form_id)
    measure = clean_text(agreed_measure, t("Agreed measure"), required=True, max_length=LONG_TEXT,
                         field="agreed_measure")
    if not isinstance(meeting_date, date):
        raise ValidationError(t("{field} is required.", field=t("Meeting date")), field="meeting_date")
    with RevisitForm._meta.database.atomic():
        fresh = records.update(actor, form, expected_version, {
            "state": RevisitState.DISCUSSED.value, "meeting_date": meeting_date, "agreed_measure": measure,
        }, "revisit.meeting_decision")
        waiting = (ImprovementProject.select()
                   .where((ImprovementProject.revisit_form == form.id)
                          & ImprovementProject.state.in_([ImprovementState.PROPOSED.value,
                                                          ImprovementState.REOPENED.value])))
        if waiting.exists():
            from desk_app.services import improvement

            for project in waiting:
                improvement.agree(actor, project.id, project.version, measure, meeting_date)
    return _rows([fresh], date.today())[0]


def to_improvement_project(actor: Actor, form_id: int) -> ProjectRef:
    """R18: the form becomes an improvement project in one step (source 'revisit', linked, initial
    measure = the corrective measures). A form already turned into a project returns that project."""
    require(actor, Permission.IMPROVEMENT_EDIT)
    form = records.load(RevisitForm, form_id)
    if not (is_manager(actor) or actor.has_role(Role.QUALITY)):
        check_team_lead_of(actor, form.team_id, N_("turn revisit forms into improvement projects"))
    from desk_app.services import improvement

    project = improvement.from_revisit_form(actor, form.id)
    return ProjectRef(project.id, project.number)


# ---------------------------------------------------------------------------------------------
# the meeting pack (R18a)


def meeting_pack(month: str) -> MeetingPack:
    """The month's dissatisfied evaluations (every kind; by the ticket's closing month, as in the
    KPI), their revisit forms and measures, and the improvement projects not yet confirmed."""
    start, end = month_bounds(month)
    evaluations = [e for e in (Evaluation.select(Evaluation).join(Ticket)
                               .where((Ticket.closed_at >= start) & (Ticket.closed_at < end))
                               .order_by(Ticket.closed_at, Ticket.id, Evaluation.id))
                   if is_dissatisfied(e.rating)]
    items = []
    for ev in evaluations:
        form = (RevisitForm.select().where(RevisitForm.evaluation == ev.id).order_by(RevisitForm.id).first())
        projects: tuple[str, ...] = ()
        if form is not None:
            projects = tuple(p.number for p in ImprovementProject.select(ImprovementProject.number)
                             .where(ImprovementProject.revisit_form == form.id).order_by(ImprovementProject.id))
        items.append(MeetingItem(
            evaluation_row(ev), form.id if form else None, form.number if form else "",
            form.state if form else "", form.corrective_measures if form else ev.corrective_note,
            form.agreed_measure if form else "", projects))
    users = {u.id: u.full_name for u in User.select(User.id, User.full_name)}
    open_projects = (ImprovementProject.select()
                     .where(ImprovementProject.state != ImprovementState.CONFIRMED.value)
                     .order_by(ImprovementProject.id))
    projects_out = []
    for p in open_projects:
        form_number = ""
        if p.revisit_form_id:
            linked = RevisitForm.get_or_none(RevisitForm.id == p.revisit_form_id)
            form_number = linked.number if linked else ""
        projects_out.append(ProjectItem(p.id, p.number, p.problem, p.source, p.state, p.initial_measure,
                                        p.agreed_measure, p.meeting_date, users.get(p.owner_id, ""), form_number))
    return MeetingPack(month, meeting_date_for(month), items, projects_out)
