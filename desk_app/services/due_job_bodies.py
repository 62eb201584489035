"""What each due job does (R51, R54); `services.due_jobs` decides when, and runs each body in its own transaction.

Every message a body queues carries a dedupe key naming its occasion, so even a body run by hand twice for the
same period queues nothing twice. Each body returns a summary (plain JSON data) that `run-due` prints; people
the desk could not mail (no address) are named in it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from desk_app.i18n import label
from desk_app.models import Complaint, OutboxMessage, Report, RevisitForm, SurveyPlan, SurveyRecipient, User
from desk_app.models.enums import CallbackState, ComplaintState, RevisitState
from desk_app.services import outbox, reports, settings
from desk_app.services.actor import Actor
from desk_app.services.outbox import Recipient, user_recipient
from desk_app.services.revisits import meeting_date_for
from desk_app.services.sampling import plan_callbacks
from desk_app.services.survey_export import questionnaire_attachment
from desk_app.services.survey_plan_states import S
from desk_app.services.survey_recipients import mark_reminded

MONTHLY_KINDS = ("monthly-service", "monthly-evaluation")


class _Mailed:
    """Counts what a body queued and whom it could not reach."""

    def __init__(self) -> None:
        self.queued = 0
        self.no_address: list[str] = []

    def add(self, row: OutboxMessage | None) -> None:
        if row is None:
            return
        if row.status == outbox.NO_ADDRESS:
            self.no_address.append(row.recipient_name)
        else:
            self.queued += 1

    def summary(self) -> dict[str, object]:
        return {"mailed": self.queued, "no_address": self.no_address}


def _stamp(moment: datetime | date | None) -> str:
    if moment is None:
        return "—"
    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, datetime) else moment.isoformat()


def morning_callbacks(actor: Actor, at: datetime, period: str) -> dict[str, object]:
    """Plan the day's callbacks (yesterday's closures, R10) and mail each caller their worklist."""
    day = date.fromisoformat(period)
    plan = plan_callbacks(actor, day)
    by_caller = defaultdict(list)
    for row in plan.callbacks:
        if row.caller_id is not None and row.state == CallbackState.PENDING:
            by_caller[row.caller_id].append(row)
    mailed = _Mailed()
    for caller_id, rows in sorted(by_caller.items()):
        lines = "\n".join(f"- {r.ticket_number}  {r.reporter_name}  {r.reporter_phone}  {r.unit_name}  "
                          f"({_stamp(r.due_at)})" for r in rows)
        mailed.add(outbox.queue("callback.worklist", user_recipient(User.get_by_id(caller_id)),
                                {"date": period, "count": len(rows), "callbacks": lines},
                                entity="callback_plan", entity_id=plan.plan_id,
                                dedupe_key=f"callback.worklist:{period}:{caller_id}"))
    return {"plan_date": period, "callbacks": len(plan.callbacks), "new_plan": plan.created} | mailed.summary()


def survey_reminders(actor: Actor, at: datetime, period: str) -> dict[str, object]:
    """Remind recipients whose questionnaire is out for `survey.reminder_days` and not back (R30a, R51)."""
    days = int(settings.get("survey.reminder_days"))
    most = int(settings.get("survey.max_reminders"))
    cutoff = at - timedelta(days=days)
    waiting = (SurveyRecipient.select().join(SurveyPlan)
               .where(SurveyPlan.state.in_((S.DISTRIBUTING.value, S.COLLECTING.value))
                      & SurveyRecipient.sent_at.is_null(False) & (SurveyRecipient.sent_at <= cutoff)
                      & SurveyRecipient.returned_at.is_null(True)
                      & (SurveyRecipient.reminded_at.is_null(True) | (SurveyRecipient.reminded_at <= cutoff)))
               .order_by(SurveyRecipient.id))
    mailed, reminded = _Mailed(), []
    for recipient in waiting:
        done = (OutboxMessage.select().where((OutboxMessage.kind == "survey.reminder")
                                             & (OutboxMessage.entity == "survey_recipient")
                                             & (OutboxMessage.entity_id == str(recipient.id))).count())
        if done >= most:
            continue
        plan = recipient.plan
        values = {"plan": plan.title or plan.number, "unit": recipient.unit.name if recipient.unit_id else "",
                  "sent": _stamp(recipient.sent_at.date()), "due": _stamp(plan.collect_by)}
        language = outbox.desk_language()
        attachments = (questionnaire_attachment(recipient, language),) if recipient.email else ()
        mailed.add(outbox.queue("survey.reminder", Recipient(recipient.email.strip(), recipient.name, language),
                                values, entity="survey_recipient", entity_id=recipient.id, attachments=attachments,
                                dedupe_key=f"survey.reminder:{recipient.id}:{done + 1}"))
        reminded.append(recipient.id)
    mark_reminded(actor, reminded, at)
    return {"reminded": len(reminded)} | mailed.summary()


def revisit_reminders(actor: Actor, at: datetime, period: str) -> dict[str, object]:
    """Before the fault analysis meeting: each team lead hears of their team's revisit forms not submitted (R18)."""
    meeting = meeting_date_for(period)
    forms = list(RevisitForm.select().where((RevisitForm.state == RevisitState.OPEN.value)
                                            & (RevisitForm.due_date <= meeting)).order_by(RevisitForm.due_date,
                                                                                          RevisitForm.id))
    by_lead = defaultdict(list)
    unassigned = []
    for form in forms:
        if form.team_lead_id is None:
            unassigned.append(form.number)
        else:
            by_lead[form.team_lead_id].append(form)
    mailed = _Mailed()
    for lead_id, own in sorted(by_lead.items()):
        lines = "\n".join(f"- {f.number}  {f.reporter_name}  ({_stamp(f.due_date)})" for f in own)
        mailed.add(outbox.queue("revisit.due", user_recipient(User.get_by_id(lead_id)),
                                {"count": len(own), "meeting": _stamp(meeting), "forms": lines},
                                entity="revisit_form", entity_id=own[0].id,
                                dedupe_key=f"revisit.due:{period}:{lead_id}"))
    return {"meeting": meeting.isoformat(), "open_forms": len(forms), "without_team_lead": unassigned} \
        | mailed.summary()


_OPEN_COMPLAINT = tuple(s.value for s in ComplaintState if s not in (ComplaintState.CLOSED, ComplaintState.INVALID))


def complaint_deadlines(actor: Actor, at: datetime, period: str) -> dict[str, object]:
    """Complaints due within `complaint.reminder_hours` (or overdue) and still open: their handler is reminded."""
    horizon = at + timedelta(hours=int(settings.get("complaint.reminder_hours")))
    due = (Complaint.select().where(Complaint.state.in_(_OPEN_COMPLAINT) & Complaint.due_at.is_null(False)
                                    & (Complaint.due_at <= horizon)).order_by(Complaint.due_at, Complaint.id))
    mailed = _Mailed()
    for complaint in due:
        handler_id = complaint.department_manager_id or complaint.accepted_by_id
        if handler_id is None:
            continue
        values = {"number": complaint.number, "complainant": complaint.complainant,
                  "unit": complaint.unit.name if complaint.unit_id else "—", "due": _stamp(complaint.due_at),
                  "state": label(complaint.state)}
        mailed.add(outbox.queue("complaint.deadline", user_recipient(User.get_by_id(handler_id)), values,
                                entity="complaint", entity_id=complaint.id,
                                dedupe_key=f"complaint.deadline:{complaint.id}:{period}"))
    return {"due_complaints": due.count()} | mailed.summary()


def monthly_drafts(actor: Actor, at: datetime, period: str) -> dict[str, object]:
    """Draft last month's service and evaluation reports, unless someone already made them."""
    drafted, existing = [], []
    for kind in MONTHLY_KINDS:
        found = Report.get_or_none((Report.kind == kind) & (Report.period == period))
        if found is not None:
            existing.append(found.number)
            continue
        drafted.append(reports.generate(actor, kind, period, outbox.desk_language()).number)
    return {"period": period, "drafted": drafted, "existing": existing}
