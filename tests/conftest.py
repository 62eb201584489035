"""Fixtures shared by every test: a fresh database, users with roles, language reset.

With DESK_APP_TEST_DB=postgresql://user@host:port/maintenance-db the `db` fixture gives every test
a fresh PostgreSQL database instead of a SQLite file: a copy (CREATE DATABASE … TEMPLATE) of one
migrated database made once per session, dropped after the test. `db_path` is then that database's
URL. Tests marked `sqlite_only` (file corruption, the SQLite backup API, pragmas, FTS5 …) are skipped.
"""

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# never the machine's own keyring: the fail backend refuses, a test that stores asks for `memory_keyring`
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from desk_app import i18n  # noqa: E402
from desk_app.models import Team, User  # noqa: E402
from desk_app.services.actor import Actor  # noqa: E402
from desk_app.services.auth import create_first_admin, needs_first_admin
from desk_app.services.opening import open_desk  # noqa: E402
from desk_app.services.passwords import hash_password
from desk_app.store import postgres  # noqa: E402
from desk_app.store.connection import close_database
from tests.mail_support import memory_keyring, smtp_server  # noqa: F401  (fixtures for every test)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test starts in English, with its own config directory (no real user config read)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("DESK_APP_DB", raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")


#: The PostgreSQL server of the second test run (see the Makefile), or "" for SQLite.
TEST_PG_URL = os.environ.get("DESK_APP_TEST_DB", "").strip()
ON_POSTGRES = postgres.is_url(TEST_PG_URL)
_numbers = itertools.count(1)


def pytest_report_header(config: pytest.Config) -> str:
    return f"database: {'PostgreSQL ' + postgres.redact(TEST_PG_URL) if ON_POSTGRES else 'SQLite'}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not ON_POSTGRES:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            why = marker.args[0] if marker.args else "tests a SQLite file"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {why}"))


def _admin_execute(*statements: str) -> None:
    import psycopg

    with psycopg.connect(TEST_PG_URL, autocommit=True) as con:
        for statement in statements:
            con.execute(statement)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """The name of a migrated PostgreSQL database every test's database is copied from (None on SQLite)."""
    if not ON_POSTGRES:
        yield None
        return
    name = f"desk_template_{os.getpid()}"
    _admin_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
    close_database(open_desk(postgres.with_database(TEST_PG_URL, name)))
    yield name
    _admin_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def db_path(tmp_path: Path, pg_template: str | None) -> Iterator[Path | str]:
    """Where the test's database lives: a file under tmp_path, or (PostgreSQL run) a fresh database's URL."""
    if pg_template is None:
        yield tmp_path / "desk.sqlite"
        return
    name = f"desk_test_{os.getpid()}_{next(_numbers)}"
    _admin_execute(f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    yield postgres.with_database(TEST_PG_URL, name)
    _admin_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def cjk():
    """The report font, a CJK TrueType font; tests that print Chinese are skipped on a machine without one."""
    from desk_app.reports import fonts

    info = fonts.find_cjk_font()
    if not info.has_cjk:
        pytest.skip("no CJK TrueType font installed on this machine (e.g. apt install fonts-wqy-microhei)")
    return info


@pytest.fixture
def db(db_path: Path):
    """A new, migrated database (a temp file, or a PostgreSQL database), bound to the models."""
    database = open_desk(db_path)
    yield database
    close_database(database)


@pytest.fixture
def admin(db) -> Actor:
    """The administrator (roles admin + manager): the first one, unless other users came first."""
    if needs_first_admin():
        return create_first_admin("admin", "管理员", "admin-pass-1")
    user = User.create(username="admin", full_name="管理员", roles="admin,manager",
                       password_hash=hash_password("admin-pass-1"), can_login=True)
    return Actor.from_user(user)


@pytest.fixture
def make_user(db) -> Callable[..., Actor]:
    """Create a user with the given roles (and team name); returns their Actor."""
    counter = iter(range(1, 10_000))

    def make(*roles: str, team: str | None = None, name: str | None = None, password: str = "pass-word-1") -> Actor:
        n = next(counter)
        team_row = Team.get_or_create(name=team)[0] if team else None
        user = User.create(
            username=f"user{n}",
            full_name=name or f"用户{n}",
            roles=",".join(roles),
            team=team_row,
            password_hash=hash_password(password),
            can_login=True,
        )
        return Actor.from_user(user)

    return make


@dataclass(frozen=True)
class Signers:
    """A reviewer (quality controller) and an approver (manager) with signing keys, for the report flow."""

    reviewer: Actor
    approver: Actor
    reviewer_password: str = "quality-pass-1"
    approver_password: str = "manager-pass-1"

    def review(self, row):
        from desk_app.services import reports

        if row.state in ("draft", "rejected"):
            row = reports.submit(self.approver, row.id, row.version)
        return reports.review(self.reviewer, row.id, row.version, self.reviewer_password)

    def sign_off(self, row):
        """Submit (if needed), review and approve: the report approved with two signatures."""
        from desk_app.services import reports

        row = self.review(row)
        return reports.approve(self.approver, row.id, row.version, self.approver_password)


@pytest.fixture
def signers(admin) -> Signers:
    """钱质检 (quality1) reviews and 刘经理 (manager2) approves; their certificates issued by the admin."""
    from desk_app.services import users

    reviewer = users.create_user(admin, "quality1", "钱质检", ["quality"], "quality-pass-1")
    approver = users.create_user(admin, "manager2", "刘经理", ["manager"], "manager-pass-1")
    return Signers(Actor.from_user(User.get_by_id(reviewer.id)), Actor.from_user(User.get_by_id(approver.id)))
