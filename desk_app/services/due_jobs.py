"""Unattended jobs (R54, R55): each runs once for its period when its time has come, then the outbox is delivered.

A job is a period (None: not due at this time) and a body. `run_due` runs each due job in one transaction that
first inserts its `JobRun(job, period)` row: the unique row is the lock, so a second `run-due` at the same time
waits on the first and then finds the period done, a job that fails leaves nothing behind (its messages
included) and runs again next time, and running twice for the same time does nothing new. Mail delivery is
not a period job: it sends whatever is due, outside any transaction (`services.mail_delivery`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time

from peewee import IntegrityError, OperationalError

from desk_app.errors import DeskError
from desk_app.i18n import N_, t
from desk_app.models import JobRun, OutboxMessage, now
from desk_app.services import mail_settings, settings
from desk_app.services.actor import Actor
from desk_app.services.calendar import WorkCalendar
from desk_app.services.due_job_bodies import (
    complaint_deadlines,
    monthly_drafts,
    morning_callbacks,
    revisit_reminders,
    survey_reminders,
)
from desk_app.services.mail_delivery import deliver_due
from desk_app.services.revisits import meeting_date_for


def _daily_time() -> time:
    hours, minutes = str(settings.get("jobs.daily_time")).split(":")
    return time(int(hours), int(minutes))


def _every_day(at: datetime) -> str | None:
    return at.date().isoformat() if at.time() >= _daily_time() else None


def _working_day(at: datetime) -> str | None:
    return _every_day(at) if WorkCalendar.load().is_working_day(at.date()) else None


def _last_month(at: datetime) -> str:
    return f"{at.year - (at.month == 1)}-{(at.month - 2) % 12 + 1:02d}"


def _before_meeting(at: datetime) -> str | None:
    """The month this month's fault analysis meeting discusses (last month), from `revisit.reminder_days`
    before the meeting to the meeting day."""
    if _every_day(at) is None:
        return None
    month = _last_month(at)
    meeting = meeting_date_for(month)
    days_left = (meeting - at.date()).days
    return month if 0 <= days_left <= int(settings.get("revisit.reminder_days")) else None


def _draft_day(at: datetime) -> str | None:
    """Last month, from the set day of this month on (0: never)."""
    day = int(settings.get("report.draft_day"))
    if not day or at.day < day or _every_day(at) is None:
        return None
    return _last_month(at)


@dataclass(frozen=True)
class Job:
    code: str
    label: str
    period_of: Callable[[datetime], str | None]
    body: Callable[[Actor, datetime, str], dict[str, object]]


JOBS: tuple[Job, ...] = (
    Job("callbacks.morning", N_("Plan the day's callbacks and mail each caller's worklist"), _working_day,
        morning_callbacks),
    Job("survey.reminders", N_("Remind recipients who have not returned their questionnaire"), _every_day,
        survey_reminders),
    Job("revisit.reminders", N_("Remind team leads of revisit forms due before the meeting"), _before_meeting,
        revisit_reminders),
    Job("complaint.deadlines", N_("Remind handlers of complaints near their deadline"), _every_day,
        complaint_deadlines),
    Job("reports.monthly_drafts", N_("Draft last month's reports"), _draft_day, monthly_drafts),
)
DELIVERY = "mail.deliver"


@dataclass
class JobOutcome:
    job: str
    label: str
    period: str | None
    status: str  # ran | done_before | not_due | failed | busy | skipped
    summary: dict[str, object] = field(default_factory=dict)
    error: str = ""

    def as_json(self) -> dict[str, object]:
        return {"job": self.job, "period": self.period, "status": self.status, "summary": self.summary,
                "error": self.error}


def _run_one(job: Job, actor: Actor, at: datetime) -> JobOutcome:
    period = job.period_of(at)
    outcome = JobOutcome(job.code, t(job.label), period, "not_due")
    if period is None:
        return outcome
    db = JobRun._meta.database
    try:
        with db.atomic():
            try:
                with db.atomic():  # a savepoint: PostgreSQL keeps the outer transaction usable after a clash
                    run = JobRun.create(job=job.code, period=period, started_at=now())
            except IntegrityError:
                outcome.status = "done_before"
                return outcome
            outcome.summary = job.body(actor, at, period)
            JobRun.update(finished_at=now(), summary=json.dumps(outcome.summary, ensure_ascii=False, default=str)) \
                .where(JobRun.id == run.id).execute()
    except DeskError as exc:
        outcome.status, outcome.error = "failed", str(exc)
        return outcome
    except OperationalError as exc:  # SQLite: another copy has held the write lock past the busy timeout
        if "locked" not in str(exc):
            raise
        outcome.status, outcome.error = "busy", t("Another copy of the due jobs is running this job.")
        return outcome
    outcome.status = "ran"
    return outcome


def _deliver(at: datetime, should_stop: Callable[[], bool] | None) -> JobOutcome:
    outcome = JobOutcome(DELIVERY, t("Deliver the outbox"), None, "ran")
    if not mail_settings.is_configured():
        waiting = OutboxMessage.select().where(OutboxMessage.status == "queued").count()
        outcome.status = "skipped"
        outcome.summary = {"queued": waiting}
        outcome.error = t("No mail server is set; {count} messages wait in the outbox.", count=waiting)
        return outcome
    try:
        outcome.summary = deliver_due(at, should_stop=should_stop).as_json()
    except DeskError as exc:
        outcome.status, outcome.error = "failed", str(exc)
    return outcome


def run_due(actor: Actor, at: datetime | None = None, *,
            should_stop: Callable[[], bool] | None = None) -> list[JobOutcome]:
    """Run every job due at `at` (now by default), each once for its period, then deliver the outbox."""
    at = (at or now()).replace(microsecond=0)
    outcomes = []
    for job in JOBS:
        if should_stop is not None and should_stop():
            break
        outcomes.append(_run_one(job, actor, at))
    outcomes.append(_deliver(at, should_stop))
    return outcomes


def last_runs(limit: int = 50) -> list[JobRun]:
    return list(JobRun.select().order_by(JobRun.started_at.desc(), JobRun.id.desc()).limit(limit))
