"""Due jobs and what is mailed (R51, R54, R55), on a demo database and a real SMTP server on 127.0.0.1:
each job once for its period, nothing lost while the server is down, nothing sent twice, two copies at once,
and a process killed between queueing and delivery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desk_app import cli
from desk_app.demo import load_demo
from desk_app.models import JobRun, OutboxMessage, Report, RevisitForm, SurveyRecipient, User
from desk_app.models.base import now as model_now
from desk_app.services import due_jobs, settings, survey_export
from desk_app.services import survey_plans as sp
from desk_app.services.actor import Actor
from desk_app.services.revisits import meeting_date_for
from tests.conftest import ON_POSTGRES
from tests.mail_support import LOOPBACK, Store, free_port
from tests.unit.test_survey_plans import make_units, new_plan

MONDAY = datetime(2026, 12, 7, 8, 0)  # after the default daily time 07:30
ROOT = Path(__file__).resolve().parents[2]


def configure(admin, port: int, **more) -> None:
    settings.set_many(admin, {"mail.host": LOOPBACK, "mail.port": port, "mail.sender": "desk@it-repair.example.cn",
                              "mail.timeout": 5, **more})


@dataclass(frozen=True)
class Demo:
    admin: Actor
    manager: Actor  # the jobs act as the first manager, as `run-due` does


@pytest.fixture
def demo(db) -> Demo:
    """A small demo desk up to Friday 4 December 2026 (users with addresses)."""
    load_demo(until=date(2026, 12, 4), tickets=300)
    manager = User.select().where(User.roles.contains("manager")).order_by(User.id).first()
    return Demo(Actor.from_user(User.get(User.username == "admin")), Actor.from_user(manager))


def outcomes_by_job(outcomes) -> dict[str, due_jobs.JobOutcome]:
    return {o.job: o for o in outcomes}


def received_ids(store: Store) -> list[str]:
    return [m["Message-ID"] for m in store.parsed()]


def test_the_mornings_jobs_deliver_once_with_chinese_subjects(demo, smtp_server):
    store = Store()
    configure(demo.admin, smtp_server(store).port)

    first = outcomes_by_job(due_jobs.run_due(demo.manager, MONDAY))

    morning = first["callbacks.morning"]
    assert morning.status == "ran" and morning.period == "2026-12-07" and morning.summary["callbacks"] > 0
    assert morning.summary["mailed"] > 0
    assert first["mail.deliver"].summary["sent"] == len(store.received) >= morning.summary["mailed"]
    worklists = [m for m in store.parsed() if m["Subject"].startswith("您 2026-12-07 的回访任务")]
    assert len(worklists) == morning.summary["mailed"]
    for message in worklists:
        body = message.get_body(("plain",)).get_content()
        assert "您好" in body and "回访任务" in body
    assert all(m["Message-ID"] for m in store.parsed())

    again = outcomes_by_job(due_jobs.run_due(demo.manager, MONDAY))
    assert {o.status for job, o in again.items() if job != "mail.deliver"} <= {"done_before", "not_due"}
    assert again["mail.deliver"].summary["sent"] == 0
    assert len(store.received) == first["mail.deliver"].summary["sent"]
    assert JobRun.select().where(JobRun.job == "callbacks.morning").count() == 1


def test_before_the_daily_time_nothing_is_due(demo):
    outcomes = outcomes_by_job(due_jobs.run_due(demo.manager, MONDAY.replace(hour=7, minute=0)))
    assert {o.status for job, o in outcomes.items() if job != "mail.deliver"} == {"not_due"}
    assert outcomes["mail.deliver"].status == "skipped"  # no server set: said, not hidden
    assert not JobRun.select().exists()


def test_messages_queued_while_the_server_is_down_go_out_next_run_none_lost_none_twice(demo, smtp_server):
    port = free_port()
    configure(demo.admin, port)
    down = outcomes_by_job(due_jobs.run_due(demo.manager, MONDAY))
    queued = OutboxMessage.select().where(OutboxMessage.status == "queued").count()
    assert queued > 0 and down["mail.deliver"].summary["retrying"] == queued

    store = Store()
    smtp_server(store, port=port)  # the server comes back where the desk looks for it
    up = outcomes_by_job(due_jobs.run_due(demo.manager, MONDAY + timedelta(minutes=1)))

    assert up["mail.deliver"].summary["sent"] == queued
    ids = received_ids(store)
    assert len(ids) == len(set(ids)) == queued
    assert set(ids) == {m.message_id for m in OutboxMessage.select().where(OutboxMessage.status == "sent")}
    assert due_jobs.run_due(demo.manager, MONDAY + timedelta(hours=1))[-1].summary["sent"] == 0


def test_a_failed_job_leaves_nothing_and_runs_again(demo, monkeypatch):
    from desk_app.errors import ValidationError
    from desk_app.services import due_job_bodies

    real = due_job_bodies.plan_callbacks

    def broken(actor, day):
        real(actor, day)  # the plan is made, then the job fails: all of it is rolled back
        raise ValidationError("the job broke")

    monkeypatch.setattr(due_job_bodies, "plan_callbacks", broken)
    jobs = [j if j.code != "callbacks.morning" else due_jobs.Job(j.code, j.label, j.period_of,
                                                                 due_job_bodies.morning_callbacks)
            for j in due_jobs.JOBS]
    monkeypatch.setattr(due_jobs, "JOBS", tuple(jobs))
    failed = outcomes_by_job(due_jobs.run_due(demo.manager, MONDAY))["callbacks.morning"]
    assert failed.status == "failed" and "the job broke" in failed.error
    from desk_app.models import CallbackPlan

    assert not CallbackPlan.select().where(CallbackPlan.plan_date == MONDAY.date()).exists()
    assert not JobRun.select().where(JobRun.job == "callbacks.morning").exists()
    monkeypatch.setattr(due_job_bodies, "plan_callbacks", real)
    assert outcomes_by_job(due_jobs.run_due(demo.manager, MONDAY))["callbacks.morning"].status == "ran"


def test_monthly_drafts_on_their_day_and_revisit_reminders_before_the_meeting(demo, smtp_server):
    configure(demo.admin, smtp_server(Store()).port, **{"report.draft_day": 3, "meeting.day": 9,
                                                  "revisit.reminder_days": 3})
    open_forms = RevisitForm.select().where(RevisitForm.state == "open").count()
    outcomes = outcomes_by_job(due_jobs.run_due(demo.manager, MONDAY))
    drafts = outcomes["reports.monthly_drafts"]
    assert drafts.status == "ran" and drafts.period == "2026-11"
    assert sorted(drafts.summary["drafted"]) == ["FW-2026-11", "KP-2026-11"]
    assert Report.select().where(Report.period == "2026-11").count() == 2
    revisits = outcomes["revisit.reminders"]
    assert open_forms > 0 and revisits.status == "ran" and revisits.period == "2026-11"
    meeting = meeting_date_for("2026-11")  # the demo's meeting record, else day 9 of December
    assert revisits.summary["meeting"] == meeting.isoformat() and revisits.summary["open_forms"] >= 1
    leads = {f.team_lead_id for f in RevisitForm.select().where(RevisitForm.state == "open")
             if f.due_date <= meeting and f.team_lead_id}
    assert OutboxMessage.select().where(OutboxMessage.kind == "revisit.due").count() == len(leads) > 0
    assert outcomes_by_job(due_jobs.run_due(demo.manager, MONDAY.replace(day=8)))["reports.monthly_drafts"].status \
        == "done_before"


def test_survey_workbooks_by_mail_and_a_reminder_with_the_workbook_again(db, admin, make_user, smtp_server):
    store = Store()
    configure(admin, smtp_server(store).port, **{"survey.reminder_days": 7, "survey.max_reminders": 1})
    make_units()
    quality, manager = make_user("quality"), make_user("manager")
    plan = new_plan(quality)
    plan = sp.approve(manager, plan.id, plan.version)
    SurveyRecipient.update(email="").execute()
    SurveyRecipient.update(email="zhang.wei@unit.example.cn").where(SurveyRecipient.name == "张伟").execute()
    mailed = survey_export.mail_workbooks(quality, plan.id, language="zh_CN")
    assert mailed.queued == 1 and sorted(mailed.no_address) == ["李娜", "王芳"]
    sent_at = SurveyRecipient.get(SurveyRecipient.name == "张伟").sent_at
    assert sent_at is not None and SurveyRecipient.get(SurveyRecipient.name == "李娜").sent_at is None

    due_jobs.run_due(manager, sent_at + timedelta(minutes=1))
    [questionnaire] = store.parsed()
    assert questionnaire["Subject"].startswith("信息维修中心：满意度调查问卷")
    [attached] = list(questionnaire.iter_attachments())
    assert attached.get_filename().endswith(".xlsx") and len(attached.get_content()) > 1000

    later = sent_at + timedelta(days=8)
    first = outcomes_by_job(due_jobs.run_due(manager, later.replace(hour=8)))["survey.reminders"]
    assert first.summary["reminded"] == 1 and first.summary["mailed"] == 1
    reminder = store.parsed()[-1]
    assert "催交" in reminder["Subject"] and len(list(reminder.iter_attachments())) == 1
    much_later = later + timedelta(days=8)
    assert outcomes_by_job(due_jobs.run_due(manager, much_later.replace(hour=8)))["survey.reminders"] \
        .summary["reminded"] == 0  # survey.max_reminders reached


def test_a_published_report_goes_to_the_distribution_list_with_its_signed_file(db, admin, signers, smtp_server):
    from desk_app.services import reports

    store = Store()
    configure(admin, smtp_server(store).port, **{"report.mail_to": ["leaders@it.example.cn"]})
    row = reports.generate(admin, "monthly-evaluation", "2026-11", "zh_CN")
    row = reports.set_distribution(admin, row.id, row.version, "各部门、质量部 quality@it.example.cn")
    row = signers.sign_off(row)
    reports.publish(admin, row.id, row.version)
    due_jobs.run_due(admin, datetime.now().replace(microsecond=0))
    recipients = sorted(m["To"] for m in store.parsed())
    assert recipients == ["leaders@it.example.cn", "quality@it.example.cn"]
    [pdf] = list(store.parsed()[0].iter_attachments())
    assert pdf.get_content() == bytes(Report.get_by_id(row.id).pdf) and pdf.get_content().startswith(b"%PDF")


def _desk_app(db_path, *argv: str, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DESK_APP_DB"} | {"PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "desk_app", "--db", str(db_path), "--lang", "zh_CN", *argv],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=180, **kw)


def test_a_process_killed_after_queueing_its_message_goes_out_on_the_next_run_once(demo, db_path,
                                                                                   smtp_server):
    store = Store()
    configure(demo.admin, smtp_server(store).port)
    script = (
        "import os, signal, sys\n"
        "from desk_app.services.opening import open_desk\n"
        "from desk_app.services import outbox\n"
        "from desk_app.models import database_proxy\n"
        "open_desk(sys.argv[1])\n"
        "with database_proxy.atomic():\n"
        "    outbox.queue('complaint.deadline', outbox.Recipient('kill@example.cn', '杀进程', 'zh_CN'),\n"
        "                 {'number': 'TS-KILL-1', 'due': '明天'})\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n")
    killed = subprocess.run([sys.executable, "-c", script, str(db_path)], cwd=ROOT, timeout=120,
                            env=os.environ | {"PYTHONPATH": str(ROOT)})
    assert killed.returncode == -9
    assert OutboxMessage.select().where(OutboxMessage.recipient == "kill@example.cn").count() == 1

    later = (model_now() + timedelta(minutes=1)).isoformat(timespec="minutes")  # the message was queued now
    done = _desk_app(db_path, "run-due", "--at", later, "--json")
    assert done.returncode == 0, done.stderr
    deliver = json.loads(done.stdout)["jobs"][-1]
    assert (deliver["job"], deliver["status"], deliver["error"]) == ("mail.deliver", "ran", "")
    assert deliver["summary"]["sent"] >= 1 and deliver["summary"]["failed"] == 0  # the day's jobs may mail too
    [message] = [m for m in store.parsed() if m["To"] == "kill@example.cn"]
    assert message["Subject"] == "投诉 TS-KILL-1：处理期限 明天"
    received = len(store.received)
    again = _desk_app(db_path, "run-due", "--at", later, "--json")
    assert json.loads(again.stdout)["jobs"][-1]["summary"]["sent"] == 0 and len(store.received) == received
    assert OutboxMessage.get(OutboxMessage.recipient == "kill@example.cn").status == "sent"


def test_two_copies_at_once_run_each_job_once(demo, db_path, smtp_server):
    store = Store()
    configure(demo.admin, smtp_server(store).port)
    argv = [sys.executable, "-m", "desk_app", "--db", str(db_path), "run-due", "--at", "2026-12-07T08:00", "--json"]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    both = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
            for _ in range(2)]
    results = [p.communicate(timeout=180) for p in both]
    assert [p.returncode for p in both] == [0, 0], [err for _, err in results]
    statuses = [{j["job"]: j["status"] for j in json.loads(out)["jobs"]} for out, _ in results]
    morning = sorted(s["callbacks.morning"] for s in statuses)
    assert morning in (["done_before", "ran"], ["busy", "ran"])
    assert JobRun.select().where(JobRun.job == "callbacks.morning").count() == 1
    ids = received_ids(store)
    assert len(ids) == len(set(ids)) == OutboxMessage.select().where(OutboxMessage.status == "sent").count() > 0


def test_the_command_line_mail_outbox_and_test_message(demo, db_path, smtp_server, capsys):
    store = Store()
    configure(demo.admin, smtp_server(store).port)
    assert cli.main(["--db", str(db_path), "--lang", "zh_CN", "mail", "test", "it@example.cn"]) == 0
    assert "已接收" in capsys.readouterr().out
    assert store.parsed()[0]["To"] == "it@example.cn"
    assert cli.main(["--db", str(db_path), "run-due", "--at", "2026-12-07T08:00"]) == 0
    out = capsys.readouterr().out
    assert "callbacks.morning [2026-12-07]: ran" in out and "mail.deliver: ran" in out
    assert cli.main(["--db", str(db_path), "mail", "outbox", "--json", "--status", "sent"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["counts"]["sent"] == len(listed["messages"]) == len(store.received) - 1
    assert cli.main(["--db", str(db_path), "mail", "outbox", "--status", "nonsense"]) == 1
    assert "nonsense" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli.main(["--db", str(db_path), "run-due", "--at", "yesterday"])
    assert usage.value.code == 2 and "ISO" in capsys.readouterr().err


@pytest.mark.skipif(ON_POSTGRES, reason="one run is enough: the check is on the command line's output")
def test_settings_list_never_shows_the_password(db, db_path, admin, memory_keyring, capsys):
    from desk_app.services import mail_settings

    configure(admin, 2525, **{"mail.username": "desk"})
    mail_settings.set_password(admin, "pw-never-shown")
    assert cli.main(["--db", str(db_path), "settings", "list"]) == 0
    assert "pw-never-shown" not in capsys.readouterr().out
