"""Complaints (§5, R20–R24, R23a): the ISO 20000 flow 01–06 with escalation and closing rules."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote

from peewee import JOIN, fn

from desk_app.errors import ValidationError
from desk_app.i18n import label, t
from desk_app.models import Complaint, ComplaintEvent, Contact, CustomerUnit, Ticket, User, now
from desk_app.models.base import LONG_TEXT, month_text
from desk_app.models.enums import ComplaintSource, ComplaintState
from desk_app.services import audit, outbox, records, settings
from desk_app.services.actor import Actor
from desk_app.services.numbering import next_number
from desk_app.services.permissions import Permission, require
from desk_app.services.validation import clean_datetime, clean_text, existing_id

#: Titles that make a complainant a VIP (director level and above, R22).
VIP_TITLE_WORDS = ("处长", "局长", "厅长", "主任", "院长", "校长", "总经理", "总监", "董事", "书记",
                   "director", "chief", "president", "head of")

#: The activity code shown for each state (R21).
STATE_CODES = {
    ComplaintState.RECORDED: "01",
    ComplaintState.ACCEPTED: "02",
    ComplaintState.INVALID: "03",
    ComplaintState.FORM: "04",
    ComplaintState.DISPATCHED: "05",
    ComplaintState.VERIFIED: "06",
    ComplaintState.CLOSED: "—",
}
OPEN_STATES = tuple(s.value for s in ComplaintState if s not in (ComplaintState.INVALID, ComplaintState.CLOSED))


@dataclass(frozen=True)
class ComplaintInput:
    received_at: datetime
    source: str
    complainant: str
    description: str
    complainant_title: str = ""
    is_vip: bool = False
    unit_id: int | None = None
    phone: str = ""
    email: str = ""
    ticket_id: int | None = None
    category: str = ""
    previous_id: int | None = None  # a second complaint about this earlier one (R22)


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    number: str
    received_at: datetime
    source: str
    complainant: str
    unit_name: str
    ticket_number: str
    category: str
    state: str
    code: str
    escalated: bool
    overdue: bool
    due_at: datetime | None
    version: int


@dataclass(frozen=True)
class ComplaintEventRow:
    code: str
    at: datetime
    user_name: str
    text: str


@dataclass(frozen=True)
class ComplaintDetail:
    row: ComplaintRow
    complainant_title: str
    is_vip: bool
    phone: str
    email: str
    ticket_id: int | None
    callback_id: int | None
    survey_response_id: int | None
    description: str
    accepted_by: str
    is_valid: bool | None
    validity_reason: str
    department: str
    department_manager_id: int | None
    department_manager: str
    management_rep: str
    measures: str
    verified_by: str
    verified_at: datetime | None
    customer_confirmed: bool
    customer_notified: bool
    close_reason: str
    findings: str
    escalation_reason: str
    previous_number: str
    project_numbers: tuple[str, ...]
    events: tuple[ComplaintEventRow, ...]


def _name(user: User | None) -> str:
    return user.full_name if user else ""


def _is_overdue(c: Complaint, at: datetime) -> bool:
    return c.state in OPEN_STATES and c.due_at is not None and c.due_at < at


def _row(c: Complaint, at: datetime) -> ComplaintRow:
    return ComplaintRow(
        c.id, c.number, c.received_at, c.source, c.complainant, c.unit.name if c.unit_id else "",
        c.ticket.number if c.ticket_id else "", c.category, c.state, STATE_CODES[ComplaintState(c.state)],
        c.escalated, _is_overdue(c, at), c.due_at, c.version,
    )


def _event(actor: Actor | None, complaint: Complaint, code: str, text: str = "") -> None:
    ComplaintEvent.create(complaint=complaint, code=code, user=actor.id if actor else None, text=text)


def find_ticket_id(number: str) -> int | None:
    """The id of the ticket with this number ('' → None), or ValidationError naming the field."""
    number = (number or "").strip()
    if not number:
        return None
    ticket = Ticket.get_or_none(Ticket.number == number)
    if ticket is None:
        raise ValidationError(t("There is no ticket numbered {number}.", number=number), field="ticket")
    return ticket.id


def looks_vip(title: str) -> bool:
    """True for director level and above, judged from the title (R22)."""
    lowered = (title or "").lower()
    return any(word in lowered for word in VIP_TITLE_WORDS)


def _second_complaint_of(data: ComplaintInput) -> Complaint | None:
    """The earlier unresolved complaint this one repeats: chosen explicitly, or on the same ticket."""
    if data.previous_id:
        return records.load(Complaint, data.previous_id)
    if data.ticket_id:
        return (Complaint.select().where((Complaint.ticket == data.ticket_id) & Complaint.state.in_(OPEN_STATES))
                .order_by(Complaint.received_at).first())
    return None


def register(actor: Actor | None, data: ComplaintInput, callback_id: int | None = None,
             survey_response_id: int | None = None) -> ComplaintDetail:
    """01: record a complaint. Escalates at once for VIPs and second complaints (R22).

    `actor` is None only for complaints opened automatically by a callback or survey import.
    """
    if actor is not None:
        require(actor, Permission.COMPLAINT_RECORD)
    if data.source not in {s.value for s in ComplaintSource}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Source")), field="source")
    complainant = clean_text(data.complainant, t("Complainant"), required=True, field="complainant")
    description = clean_text(data.description, t("Description"), required=True, max_length=LONG_TEXT,
                             field="description")
    received_at = clean_datetime(data.received_at, t("Received at"), "received_at", required=True)
    if received_at > now() + timedelta(minutes=5):
        raise ValidationError(t("{field} cannot be in the future.", field=t("Received at")), field="received_at")
    unit_id = existing_id(CustomerUnit, data.unit_id, t("Customer unit"), "unit")
    ticket_id = existing_id(Ticket, data.ticket_id, t("Related ticket"), "ticket")
    existing_id(Complaint, data.previous_id, t("Previous complaint"), "previous")
    previous = _second_complaint_of(data)
    title = clean_text(data.complainant_title, t("Title"), field="complainant_title")
    vip = data.is_vip or looks_vip(title)
    phone = clean_text(data.phone, t("Phone"), max_length=40)
    reasons = []
    if vip:
        reasons.append(t("VIP complainant ({title})", title=title or t("VIP")))
    if previous is not None:
        reasons.append(t("second complaint about {number}", number=previous.number))
    with Complaint._meta.database.atomic():
        complaint = Complaint.create(
            number=next_number(Complaint.number, f"TS-{received_at:%Y%m%d}-", 3),
            received_at=received_at,
            source=data.source,
            complainant=complainant,
            complainant_title=title,
            is_vip=vip,
            contact=_matching_contact(complainant, phone),
            unit=unit_id,
            phone=phone,
            email=clean_text(data.email, t("Email")),
            ticket=ticket_id,
            callback=callback_id,
            survey_response=survey_response_id,
            category=clean_text(data.category, t("Type")),
            description=description,
            previous=previous,
            escalated=bool(reasons),
            escalation_reason="; ".join(reasons),
            due_at=received_at + timedelta(days=int(settings.get("complaint.resolution_days"))),
            created_by=actor.id if actor else None,
        )
        _event(actor, complaint, "01", t("Recorded from {source}", source=label(data.source)))
        if reasons:
            _event(actor, complaint, "escalate", t("Escalated to the general manager: {why}", why="; ".join(reasons)))
        audit.record(actor, "complaint.register", complaint, after=audit.snapshot(complaint))
    return get_complaint(complaint.id)


def _matching_contact(name: str, phone: str) -> int | None:
    query = Contact.select(Contact.id).where(Contact.name == name)
    if phone:
        query = query.where(Contact.phone == phone)
    found = query.first()
    return found.id if found else None


def _step(actor: Actor, complaint_id: int, expected_version: int, allowed_from: tuple[str, ...],
          changes: dict, code: str, text: str, action: str,
          then: Callable[[Complaint], None] | None = None) -> ComplaintDetail:
    """Move a complaint one step along the flow, checking where it stands and who saved it last; `then`
    runs in the same transaction (the step's e-mail is queued with the step, or not at all)."""
    complaint = records.load(Complaint, complaint_id)
    if complaint.state not in allowed_from:
        raise ValidationError(
            t("Complaint {number} is {state}; this step is not possible now.", number=complaint.number,
              state=label(complaint.state)), field="state")
    with Complaint._meta.database.atomic():
        records.update(actor, complaint, expected_version, changes, action)
        _event(actor, complaint, code, text)
        if then is not None:
            then(records.load(Complaint, complaint_id))
    return get_complaint(complaint_id)


def _mail_values(c: Complaint) -> dict[str, object]:
    ticket = Ticket.get_or_none(Ticket.id == c.ticket_id) if c.ticket_id else None
    return {"number": c.number, "department": c.department, "received": f"{c.received_at:%Y-%m-%d %H:%M}",
            "complainant": f"{c.complainant} {c.complainant_title}".strip(),
            "unit": c.unit.name if c.unit_id else "—", "ticket": ticket.number if ticket else "—",
            "due": f"{c.due_at:%Y-%m-%d %H:%M}" if c.due_at else "—", "description": c.description,
            "measures": c.measures}


def _mail_dispatched(c: Complaint) -> None:
    """05: the department manager gets the complaint; the management representative a copy when it is an address."""
    values = _mail_values(c)
    outbox.queue("complaint.dispatched", outbox.user_recipient(c.department_manager), values,
                 entity="complaint", entity_id=c.id)
    if "@" in c.management_rep:
        outbox.queue("complaint.dispatched", outbox.Recipient(c.management_rep.strip(), c.management_rep.strip()),
                     values, entity="complaint", entity_id=c.id)


def _mail_confirmation(c: Complaint) -> None:
    """06 verified: the complainant is asked to confirm the fix (R23)."""
    contact = Contact.get_or_none(Contact.id == c.contact_id) if c.contact_id else None
    address = c.email.strip() or (contact.email.strip() if contact else "")
    outbox.queue("complaint.confirm", outbox.Recipient(address, c.complainant), _mail_values(c),
                 entity="complaint", entity_id=c.id)


def accept(actor: Actor, complaint_id: int, expected_version: int, note: str = "") -> ComplaintDetail:
    """02: accept and confirm the complaint with the complainant."""
    require(actor, Permission.COMPLAINT_HANDLE)
    return _step(actor, complaint_id, expected_version, (ComplaintState.RECORDED,),
                 {"state": ComplaintState.ACCEPTED.value, "accepted_by": actor.id, "accepted_at": now()},
                 "02", clean_text(note, t("Note"), max_length=LONG_TEXT), "complaint.accept")


def decide_validity(actor: Actor, complaint_id: int, expected_version: int, valid: bool, reason: str,
                    customer_told: bool = False) -> ComplaintDetail:
    """03: valid (the service missed what was agreed, verified true) or invalid (closed, customer told)."""
    require(actor, Permission.COMPLAINT_HANDLE)
    reason = clean_text(reason, t("Reason"), required=True, max_length=LONG_TEXT, field="reason")
    if valid:
        changes = {"is_valid": True, "validity_reason": reason, "state": ComplaintState.FORM.value}
        text = t("Valid: {reason}", reason=reason)
    else:
        if not customer_told:
            raise ValidationError(t("Tell the customer why the complaint is invalid before closing it."),
                                  field="customer_told")
        changes = {"is_valid": False, "validity_reason": reason, "state": ComplaintState.INVALID.value,
                   "customer_notified": True, "closed_by": actor.id, "closed_at": now()}
        text = t("Invalid, customer told: {reason}", reason=reason)
    return _step(actor, complaint_id, expected_version, (ComplaintState.ACCEPTED,), changes, "03", text,
                 "complaint.validity")


def dispatch(actor: Actor, complaint_id: int, expected_version: int, department: str,
             manager_id: int, management_rep: str | None = None, category: str | None = None) -> ComplaintDetail:
    """04 + 05: complete the complaint record form and dispatch it to the responsible department manager."""
    require(actor, Permission.COMPLAINT_HANDLE)
    department = clean_text(department, t("Department"), required=True, field="department")
    manager = User.get_or_none(User.id == manager_id)
    if manager is None:
        raise ValidationError(t("{field} is required.", field=t("Department manager")), field="manager")
    rep = management_rep if management_rep is not None else str(settings.get("complaint.management_rep"))
    changes = {"department": department, "department_manager": manager.id,
               "management_rep": clean_text(rep, t("Management representative")),
               "dispatched_at": now(), "state": ComplaintState.DISPATCHED.value}
    if category is not None:
        changes["category"] = clean_text(category, t("Type"))
    return _step(actor, complaint_id, expected_version, (ComplaintState.FORM,), changes, "05",
                 t("Dispatched to {manager} ({department}), copied to {rep}", manager=manager.full_name,
                   department=department, rep=changes["management_rep"] or "—"), "complaint.dispatch",
                 then=_mail_dispatched)


def record_measures(actor: Actor, complaint_id: int, expected_version: int, measures: str) -> ComplaintDetail:
    """The responsible department's handling measures (may be updated until verified)."""
    require(actor, Permission.COMPLAINT_HANDLE)
    measures = clean_text(measures, t("Measures"), required=True, max_length=LONG_TEXT, field="measures")
    return _step(actor, complaint_id, expected_version, (ComplaintState.DISPATCHED,), {"measures": measures},
                 "05", t("Measures: {text}", text=measures), "complaint.measures")


def verify(actor: Actor, complaint_id: int, expected_version: int, note: str = "") -> ComplaintDetail:
    """06: the IT service manager verifies the measures."""
    require(actor, Permission.COMPLAINT_VERIFY)
    complaint = records.load(Complaint, complaint_id)
    if complaint.state == ComplaintState.DISPATCHED and not complaint.measures:
        raise ValidationError(t("Record the handling measures before verifying them."), field="measures")
    return _step(actor, complaint_id, expected_version, (ComplaintState.DISPATCHED,),
                 {"state": ComplaintState.VERIFIED.value, "verified_by": actor.id, "verified_at": now()},
                 "06", clean_text(note, t("Note"), max_length=LONG_TEXT) or t("Measures verified"),
                 "complaint.verify", then=_mail_confirmation)


def close(actor: Actor, complaint_id: int, expected_version: int, customer_confirmed: bool,
          customer_notified: bool = False, reason: str = "", findings: str = "") -> ComplaintDetail:
    """Close (R23): the customer confirmed, or was notified and the desk records why it closes anyway."""
    require(actor, Permission.COMPLAINT_HANDLE)
    reason = clean_text(reason, t("Reason"), max_length=LONG_TEXT, field="reason")
    if not customer_confirmed and not (customer_notified and reason):
        raise ValidationError(
            t("A complaint closes with the customer's confirmation, or after notifying the customer "
              "with a recorded reason."), field="customer_confirmed")
    changes = {"state": ComplaintState.CLOSED.value, "customer_confirmed": customer_confirmed,
               "customer_notified": customer_notified or customer_confirmed, "close_reason": reason,
               "closed_by": actor.id, "closed_at": now()}
    if findings:
        changes["findings"] = clean_text(findings, t("Findings and lessons learned"), max_length=LONG_TEXT)
    text = t("Closed, customer confirmed") if customer_confirmed else t("Closed without confirmation: {reason}",
                                                                         reason=reason)
    return _step(actor, complaint_id, expected_version, (ComplaintState.VERIFIED,), changes, "close", text,
                 "complaint.close")


def check_findings_edit(actor: Actor, complaint: Complaint | None = None) -> None:
    """Who may record a complaint's findings (R23a: in every state), for `record_findings` and its undo."""
    require(actor, Permission.COMPLAINT_HANDLE)


def record_findings(actor: Actor, complaint_id: int, expected_version: int, findings: str) -> ComplaintDetail:
    """R23a: the findings and lessons learned (处理结果与经验总结), at any time."""
    check_findings_edit(actor)
    findings = clean_text(findings, t("Findings and lessons learned"), max_length=LONG_TEXT, field="findings")
    return _step(actor, complaint_id, expected_version, tuple(s.value for s in ComplaintState),
                 {"findings": findings}, "note", t("Findings recorded"), "complaint.findings")


def notification_email(complaint_id: int) -> tuple[str, str, str]:
    """05: the e-mail to the department manager (copied to the management representative).

    Returns (subject, body, mailto URL) so the desk sends it from its own mail client.
    """
    c = get_complaint(complaint_id)
    subject = t("Complaint {number} dispatched to you", number=c.row.number)
    body = "\n".join([
        t("Complaint {number}", number=c.row.number),
        f"{t('Received at')}: {c.row.received_at:%Y-%m-%d %H:%M}",
        f"{t('Complainant')}: {c.row.complainant} {c.complainant_title}".rstrip(),
        f"{t('Customer unit')}: {c.row.unit_name}",
        f"{t('Related ticket')}: {c.row.ticket_number or '—'}",
        f"{t('Due')}: {c.row.due_at:%Y-%m-%d %H:%M}" if c.row.due_at else "",
        "",
        c.description,
        "",
        t("Please reply with the handling measures."),
    ])
    manager = User.get_or_none(User.id == c.department_manager_id) if c.department_manager_id else None
    to = manager.email if manager and manager.email else ""
    url = f"mailto:{quote(to)}?subject={quote(subject)}&body={quote(body)}"
    if c.management_rep and "@" in c.management_rep:
        url += f"&cc={quote(c.management_rep)}"
    return subject, body, url


@dataclass(frozen=True)
class ComplaintFilter:
    states: tuple[str, ...] = ()
    source: str = ""
    unit_id: int | None = None
    overdue_only: bool = False
    text: str = ""
    received_from: date | None = None
    received_to: date | None = None


def list_complaints(f: ComplaintFilter = ComplaintFilter(), at: datetime | None = None,
                    limit: int = 5000) -> list[ComplaintRow]:
    """Complaints, newest first, filtered in SQL."""
    at = at or now()
    query = (Complaint.select(Complaint, CustomerUnit, Ticket)
             .join(CustomerUnit, JOIN.LEFT_OUTER, on=(Complaint.unit == CustomerUnit.id))
             .switch(Complaint).join(Ticket, JOIN.LEFT_OUTER, on=(Complaint.ticket == Ticket.id))
             .order_by(Complaint.received_at.desc()).limit(limit))
    if f.states:
        query = query.where(Complaint.state.in_(f.states))
    if f.source:
        query = query.where(Complaint.source == f.source)
    if f.unit_id:
        query = query.where(Complaint.unit == f.unit_id)
    if f.overdue_only:
        query = query.where(Complaint.state.in_(OPEN_STATES) & (Complaint.due_at < at))
    if f.received_from:
        query = query.where(Complaint.received_at >= datetime.combine(f.received_from, datetime.min.time()))
    if f.received_to:
        query = query.where(Complaint.received_at < datetime.combine(f.received_to + timedelta(days=1),
                                                                     datetime.min.time()))
    for term in f.text.split():
        like = f"%{term}%"
        query = query.where(Complaint.number ** like | Complaint.complainant ** like
                            | Complaint.description ** like | Complaint.category ** like)
    return [_row(c, at) for c in query]


def overdue_complaints(at: datetime | None = None) -> list[ComplaintRow]:
    """R24: open complaints past their agreed resolution time (for the project manager)."""
    return list_complaints(ComplaintFilter(overdue_only=True), at)


def get_complaint(complaint_id: int, at: datetime | None = None) -> ComplaintDetail:
    c = records.load(Complaint, complaint_id)
    events = (ComplaintEvent.select(ComplaintEvent, User)
              .join(User, JOIN.LEFT_OUTER, on=(ComplaintEvent.user == User.id))
              .where(ComplaintEvent.complaint == c.id).order_by(ComplaintEvent.at, ComplaintEvent.id))
    users = {u.id: u for u in User.select().where(User.id.in_(
        [i for i in (c.accepted_by_id, c.verified_by_id, c.department_manager_id) if i]))}
    return ComplaintDetail(
        row=_row(c, at or now()),
        complainant_title=c.complainant_title, is_vip=c.is_vip, phone=c.phone, email=c.email,
        ticket_id=c.ticket_id, callback_id=c.callback_id, survey_response_id=c.survey_response_id,
        description=c.description, accepted_by=_name(users.get(c.accepted_by_id)),
        is_valid=c.is_valid, validity_reason=c.validity_reason, department=c.department,
        department_manager_id=c.department_manager_id,
        department_manager=_name(users.get(c.department_manager_id)), management_rep=c.management_rep,
        measures=c.measures, verified_by=_name(users.get(c.verified_by_id)), verified_at=c.verified_at,
        customer_confirmed=c.customer_confirmed, customer_notified=c.customer_notified,
        close_reason=c.close_reason, findings=c.findings, escalation_reason=c.escalation_reason,
        previous_number=c.previous.number if c.previous_id else "",
        project_numbers=tuple(p.number for p in c.projects),
        events=tuple(ComplaintEventRow(e.code, e.at, e.user.full_name if e.user_id else t("system"), e.text)
                     for e in events),
    )


@dataclass(frozen=True)
class ComplaintAnalysis:
    by_category: list[tuple[str, int]]
    by_unit: list[tuple[str, int]]
    by_source: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    total: int
    valid: int
    overdue: int


def analysis(received_from: date, received_to: date, at: datetime | None = None) -> ComplaintAnalysis:
    """R24: complaints counted by type, unit, source and month over a period (inclusive)."""
    start = datetime.combine(received_from, datetime.min.time())
    end = datetime.combine(received_to + timedelta(days=1), datetime.min.time())
    scope = (Complaint.received_at >= start) & (Complaint.received_at < end)

    def counts(expr) -> list[tuple[str, int]]:
        query = (Complaint.select(expr.alias("k"), fn.COUNT(Complaint.id).alias("n"))
                 .join(CustomerUnit, JOIN.LEFT_OUTER, on=(Complaint.unit == CustomerUnit.id))
                 .where(scope).group_by(expr).order_by(fn.COUNT(Complaint.id).desc(), expr))
        return [(row.k or "—", row.n) for row in query.objects()]

    total = Complaint.select().where(scope).count()
    return ComplaintAnalysis(
        by_category=counts(Complaint.category),
        by_unit=counts(CustomerUnit.name),
        by_source=counts(Complaint.source),
        by_month=sorted(counts(month_text(Complaint.received_at))),
        total=total,
        valid=Complaint.select().where(scope & (Complaint.is_valid == True)).count(),  # noqa: E712
        overdue=len([r for r in list_complaints(ComplaintFilter(received_from=received_from,
                                                                received_to=received_to), at) if r.overdue]),
    )
