"""A new desk from the command line (R48, R49, SPEC §11): init, user, team, settings; bad input refused.

Each test drives `desk_app.cli.main` on the test's own database (a SQLite file, or PostgreSQL in the
second run) as a terminal user would, password on stdin, and looks at the database afterwards.
"""

import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.models import AuditLog, Setting, Team, User
from desk_app.services import auth, settings
from desk_app.services.opening import open_desk
from desk_app.store.connection import close_database

PASSWORD = "first-admin-1"


@pytest.fixture
def desk(db_path, monkeypatch, capsys):
    """Run `desk-app --lang en …` on the test's database: (status, stdout, stderr); `stdin` is typed input."""
    def run(*argv: str, stdin: str = "", lang: str = "en") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            status = main(["--db", str(db_path), "--lang", lang, *argv])
        except SystemExit as exc:  # argparse: a usage error
            status = exc.code
        out = capsys.readouterr()
        return status, out.out, out.err

    run.path = db_path
    return run


@contextmanager
def opened(path) -> Iterator[None]:
    database = open_desk(path)
    try:
        yield
    finally:
        close_database(database)


def snapshot(path) -> tuple:
    """Everything the commands could change."""
    with opened(path):
        return (sorted((u.username, u.roles, u.team_id, u.active, u.can_login, u.password_hash, u.version)
                       for u in User.select()),
                sorted((tm.name, tm.version) for tm in Team.select()),
                sorted((s.key, s.value) for s in Setting.select()), AuditLog.select().count())


def init(desk, *extra: str) -> None:
    status, _out, err = desk("init", "--admin", "admin", "--full-name", "王管理", "--org", "市信息中心",
                             "--password-stdin", *extra, stdin=PASSWORD + "\n")
    assert status == 0, err


def refused(desk, *argv: str, stdin: str = "", says: str) -> str:
    """Run a command that must fail as a user error, changing nothing; returns its stderr."""
    before = snapshot(desk.path)
    status, out, err = desk(*argv, stdin=stdin)
    assert status == 1, (out, err)
    assert says in err, err
    assert snapshot(desk.path) == before
    return err


# --- init ----------------------------------------------------------------------------------------

def test_init_sets_up_the_desk(desk):
    status, out, err = desk("init", "--admin", "admin", "--full-name", "王管理", "--org", "市信息中心",
                            "--password-stdin", stdin=PASSWORD + "\n")
    assert status == 0, err
    assert "市信息中心" in out and "admin" in out
    with opened(desk.path):
        admin = User.get(User.username == "admin")
        assert admin.full_name == "王管理" and admin.role_set() == {"admin", "manager"} and admin.can_login
        assert settings.get("org.name") == "市信息中心"
        assert {a.action for a in AuditLog.select()} == {"user.create_first_admin", "setting.change",
                                                          "signing.authority_create", "signing.key_create",
                                                          "signing.certificate_issue"}
        assert auth.authenticate("admin", PASSWORD).id == admin.id
        from desk_app.models.signing import SigningAuthority

        assert SigningAuthority.get().org_name == "市信息中心"  # the desk's authority carries its name (R48)


def test_init_twice_is_refused(desk):
    init(desk)
    refused(desk, "init", "--admin", "other", "--full-name", "李", "--password-stdin", stdin="another-pass-1\n",
            says="already has an administrator (admin); nothing was changed")


@pytest.mark.parametrize(("stdin", "says"), [
    ("short\n", "at least 8"),
    ("\n", "standard input holds no password"),
    ("", "standard input holds no password"),
])
def test_init_bad_password_stores_nothing(desk, stdin, says):
    refused(desk, "init", "--admin", "admin", "--full-name", "王管理", "--password-stdin", stdin=stdin, says=says)
    with opened(desk.path):
        assert User.select().count() == 0


def test_init_without_a_password_source_off_a_terminal(desk):
    refused(desk, "init", "--admin", "admin", "--full-name", "王管理", says="pass --password-stdin")


def test_init_bad_user_name_and_usage_errors(desk):
    refused(desk, "init", "--admin", "a b", "--full-name", "王", "--password-stdin", stdin=PASSWORD + "\n",
            says="wrong form")
    status, _out, err = desk("init", "--admin", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert status == 2 and "--full-name" in err  # a usage error


# --- acting user -----------------------------------------------------------------------------------

def test_commands_on_a_database_without_users_say_run_init(desk, tmp_path):
    refused(desk, "import-tickets", str(tmp_path / "none.xlsx"), says="no users yet: run `desk-app init`")
    refused(desk, "user", "add", "li", "--full-name", "李", "--role", "manager", "--password-stdin",
            stdin=PASSWORD + "\n", says="run `desk-app init`")
    status, _out, err = desk("callbacks", "plan", "--date", "2026-10-20", lang="zh_CN")
    assert status == 1 and "desk-app init" in err and "用户" in err  # in the chosen language


def test_unknown_and_disabled_acting_users_are_named(desk):
    init(desk)
    refused(desk, "team", "add", "一班", "--user", "ghost", says="There is no user named ghost.")
    assert desk("user", "add", "zhao", "--full-name", "赵", "--role", "admin", "--password-stdin",
                stdin="zhao-pass-12\n")[0] == 0
    assert desk("user", "disable", "zhao")[0] == 0
    refused(desk, "team", "add", "一班", "--user", "zhao", says="The user zhao is disabled")


# --- users -----------------------------------------------------------------------------------------

def test_user_add_with_roles_in_either_language_and_list(desk):
    init(desk)
    assert desk("team", "add", "一班")[0] == 0
    status, out, err = desk("user", "add", "liu", "--full-name", "刘经理", "--role", "manager",
                            "--email", "liu@example.org", "--phone", "13800000001", "--password-stdin",
                            stdin="liu-pass-123\n")
    assert status == 0 and "liu" in out and "Manager" in out, err
    assert desk("user", "add", "qian", "--full-name", "钱质检", "--role", "质量控制", "--password-stdin",
                stdin="qian-pass-123\n")[0] == 0
    assert desk("user", "add", "sun", "--full-name", "孙工长", "--role", "工长，二线运维", "--team", "一班",
                "--password-stdin", stdin="sun-pass-1234\n")[0] == 0
    assert desk("user", "add", "zhou", "--full-name", "周师傅", "--role", "Technician L2", "--team", "一班",
                "--no-login")[0] == 0
    status, out, _err = desk("user", "list", "--json")
    listed = {u["username"]: u for u in json.loads(out)}
    assert listed["sun"]["roles"] == ["team_lead", "technician"] and listed["sun"]["team"] == "一班"
    assert listed["qian"]["roles"] == ["quality"] and listed["liu"]["email"] == "liu@example.org"
    assert listed["zhou"]["can_login"] is False and listed["admin"]["roles"] == ["admin", "manager"]
    assert "hash" not in out and "pbkdf2" not in out and "scrypt" not in out
    status, text, _err = desk("user", "list")
    assert status == 0 and "孙工长" in text and "Team lead" in text
    with opened(desk.path):
        assert AuditLog.select().where(AuditLog.action == "user.create").count() == 4
        assert auth.authenticate("sun", "sun-pass-1234").roles == {"team_lead", "technician"}


@pytest.mark.parametrize(("argv", "stdin", "says"), [
    (("admin", "--full-name", "重名", "--role", "manager"), "dup-pass-123\n", "already taken"),
    (("li", "--full-name", "李", "--role", "boss"), "li-pass-1234\n", "Unknown role: boss. The roles are: agent"),
    (("li", "--full-name", "李", "--role", "manager", "--team", "九班"), "li-pass-1234\n", "no team named 九班"),
    (("li", "--full-name", "李", "--role", "manager"), "weak\n", "at least 8"),
    (("li", "--full-name", "李", "--role", "manager"), "\n", "holds no password"),
    (("li", "--full-name", "  ", "--role", "manager"), "li-pass-1234\n", "Full name"),
])
def test_user_add_bad_input_stores_nothing(desk, argv, stdin, says):
    init(desk)
    refused(desk, "user", "add", *argv, "--password-stdin", stdin=stdin, says=says)


def test_user_passwd_roles_disable_enable(desk):
    init(desk)
    desk("user", "add", "liu", "--full-name", "刘", "--role", "dispatcher", "--password-stdin", stdin="liu-pass-123\n")
    assert desk("user", "passwd", "liu", "--password-stdin", stdin="liu-new-pass-9\n")[0] == 0
    refused(desk, "user", "passwd", "liu", "--password-stdin", stdin="short\n", says="at least 8")
    assert desk("user", "roles", "liu", "dispatcher,调度,manager")[0] == 0
    refused(desk, "user", "roles", "liu", "chief", says="Unknown role: chief")
    refused(desk, "user", "roles", "nobody", "manager", says="There is no user named nobody.")
    assert desk("user", "disable", "liu")[0] == 0
    with opened(desk.path):
        liu = User.get(User.username == "liu")
        assert liu.role_set() == {"dispatcher", "manager"} and not liu.active
        assert auth.authenticate("admin", PASSWORD)  # the administrator is untouched
        with pytest.raises(auth.AuthenticationError):
            auth.authenticate("liu", "liu-new-pass-9")
    assert desk("user", "enable", "liu")[0] == 0
    with opened(desk.path):
        assert auth.authenticate("liu", "liu-new-pass-9").username == "liu"


def test_the_last_administrator_cannot_be_disabled_or_demoted(desk):
    init(desk)
    refused(desk, "user", "disable", "admin", says="cannot remove your own administrator role or disable yourself")
    refused(desk, "user", "roles", "admin", "manager", says="cannot remove your own administrator role")


# --- teams -----------------------------------------------------------------------------------------

def test_team_add_with_a_lead_and_list(desk):
    init(desk)
    desk("user", "add", "sun", "--full-name", "孙", "--role", "technician", "--no-login")
    status, out, err = desk("team", "add", "网络一班", "--lead", "sun")
    assert status == 0 and "网络一班" in out, err
    status, out, _err = desk("team", "list", "--json")
    assert json.loads(out) == [{"name": "网络一班", "leads": ["孙"], "members": 1, "active": True, "description": ""}]
    with opened(desk.path):
        sun = User.get(User.username == "sun")
        assert sun.team.name == "网络一班" and sun.role_set() == {"team_lead", "technician"}


def test_team_bad_input_stores_nothing(desk):
    init(desk)
    desk("team", "add", "一班")
    refused(desk, "team", "add", "一班", says="A team named 一班 already exists.")
    refused(desk, "team", "add", "二班", "--lead", "ghost", says="There is no user named ghost.")
    refused(desk, "team", "add", "  ", says="Team name")


# --- settings --------------------------------------------------------------------------------------

def test_settings_list_get_set(desk):
    init(desk)
    status, out, _err = desk("settings", "list", "--json")
    assert status == 0 and json.loads(out)["org.name"] == "市信息中心"
    assert set(json.loads(out)) == set(settings.SPECS)
    status, out, _err = desk("settings", "list")
    assert "sla.resolution_hours.P1" in out and "Share of closed tickets called back" in out
    for key, value, expected in (("sla.resolution_hours.P1", "6", 6), ("callback.sample_rate", "0.5", 0.5),
                                 ("callback.fatigue_days", "14", 14), ("calendar.weekend", "6", [6]),
                                 ("calendar.holidays", "2026-10-01,2026-10-02", ["2026-10-01", "2026-10-02"]),
                                 ("org.name", "2026", "2026"), ("rating.points3.basic", "7", 7)):
        status, _out, err = desk("settings", "set", key, value)
        assert status == 0, (key, err)
        status, out, _err = desk("settings", "get", key)
        assert status == 0 and out.strip() == (expected if isinstance(expected, str)
                                                else json.dumps(expected, ensure_ascii=False))
    with opened(desk.path):
        assert settings.get("sla.resolution_hours") == {"P1": 6, "P2": 8, "P3": 24, "P4": 72}
        assert AuditLog.select().where(AuditLog.action == "setting.change").count() == 8  # with init's org.name


@pytest.mark.parametrize(("key", "value", "says"), [
    ("callbacks.sampling_rate", "0.5", "Unknown setting callbacks.sampling_rate"),
    ("sla.resolution_hours.P9", "4", "Unknown setting sla.resolution_hours.P9"),
    ("callback.sample_rate", "1.5", "must be a number between 0 and 1"),
    ("callback.fatigue_days", "3.5", "must be a whole number between 0 and 365"),
    ("callback.fatigue_days", "often", "must be a whole number"),
    ("sla.resolution_hours.P1", "0", "has the wrong form"),
    ("calendar.weekend", "7", "has the wrong form"),
    ("rating.callback_scale", "ten", "has the wrong form"),
])
def test_settings_set_bad_key_or_value_changes_nothing(desk, key, value, says):
    init(desk)
    refused(desk, "settings", "set", key, value, says=says)


# --- end to end ------------------------------------------------------------------------------------

def test_a_new_desk_from_an_empty_file_to_kpi(db_path, tmp_path):
    """R48's path with the real entry point in its own process: no GUI, no Python, no --user."""
    import shutil
    import subprocess

    from tests.unit.test_ledger import good_row, write_book

    exe = shutil.which("desk-app", path=str(Path(sys.executable).parent)) or ""
    command = [exe] if exe else [sys.executable, "-m", "desk_app"]

    def desk_app(*argv: str, stdin: str = "") -> str:
        done = subprocess.run([*command, "--db", str(db_path), "--lang", "en", *argv], input=stdin, text=True,
                              capture_output=True, timeout=120)
        assert done.returncode == 0, (argv, done.stdout, done.stderr)
        return done.stdout

    desk_app("init", "--admin", "admin", "--full-name", "王管理", "--org", "市信息中心", "--password-stdin",
             stdin=PASSWORD + "\n")
    desk_app("team", "add", "一班")
    desk_app("user", "add", "liu", "--full-name", "刘经理", "--role", "manager", "--password-stdin",
             stdin="liu-pass-123\n")
    desk_app("user", "add", "qian", "--full-name", "钱质检", "--role", "quality", "--password-stdin",
             stdin="qian-pass-123\n")
    desk_app("user", "add", "sun", "--full-name", "孙工长", "--role", "team_lead", "--team", "一班",
             "--password-stdin", stdin="sun-pass-1234\n")
    ledger = write_book(tmp_path / "2026-10.xlsx", [good_row(n) for n in range(1, 7)])
    assert "Imported 6 tickets" in desk_app("import-tickets", str(ledger))
    standings = json.loads(desk_app("kpi", "--month", "2026-10", "--json"))
    assert standings["month"] == "2026-10"
    assert {r["name"] for r in standings["technicians"]} == {"李工", "王工"}
    assert {r["name"] for r in standings["teams"]} == {"一班", "二班"}
    assert sum(r["evaluated_tickets"] for r in standings["technicians"]) == 6
    users = {u["username"]: u for u in json.loads(desk_app("user", "list", "--json"))}
    assert {"admin", "liu", "qian", "sun"} <= set(users) and users["sun"]["team"] == "一班"


def test_init_on_a_terminal_asks_twice_without_echo(db_path):
    """Without --password-stdin, on a terminal: two prompts, nothing echoed; a mismatch stores nothing."""
    import os
    import pty
    import select
    import time

    def on_terminal(answers: list[str]) -> tuple[int, str]:
        pid, fd = pty.fork()
        if pid == 0:  # the child: desk-app with the pty as its controlling terminal
            try:
                os.execv(sys.executable, [sys.executable, "-m", "desk_app", "--db", str(db_path), "--lang", "en",
                                          "init", "--admin", "admin", "--full-name", "王管理"])
            finally:
                os._exit(127)  # never back into pytest
        seen, pending, deadline = b"", list(answers), time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            if pending and seen.count(b"Password of admin") > len(answers) - len(pending):
                os.write(fd, (pending.pop(0) + "\n").encode())
        _, status = os.waitpid(pid, 0)
        os.close(fd)
        return os.waitstatus_to_exitcode(status), seen.decode(errors="replace")

    status, screen = on_terminal([PASSWORD, "something-else-1"])
    assert status == 1 and "The two passwords differ; nothing was changed." in screen
    assert PASSWORD not in screen  # not echoed
    with opened(db_path):
        assert User.select().count() == 0
    status, screen = on_terminal([PASSWORD, PASSWORD])
    assert status == 0 and "Password of admin (again)" in screen and PASSWORD not in screen, screen
    with opened(db_path):
        assert auth.authenticate("admin", PASSWORD).username == "admin"
