"""Fixtures shared by every test: a fresh database file, users with roles, language reset."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desk_app import i18n  # noqa: E402
from desk_app.db import close_database, open_database  # noqa: E402
from desk_app.models import Team, User  # noqa: E402
from desk_app.services.auth import Actor, create_first_admin, hash_password, needs_first_admin  # noqa: E402


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test starts in English, with its own config directory (no real user config read)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("DESK_APP_DB", raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite"


@pytest.fixture
def db(db_path: Path):
    """A new, migrated database on a temp file, bound to the models."""
    database = open_database(db_path)
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
