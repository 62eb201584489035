"""Administration of users, teams and customer units (admin screen)."""

import re
from dataclasses import dataclass

from peewee import JOIN, IntegrityError, fn

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models import CustomerUnit, Team, User
from desk_app.models.enums import Importance, Role
from desk_app.services import audit, records, signing_keys
from desk_app.services.actor import Actor
from desk_app.services.passwords import check_password_policy, hash_password
from desk_app.services.permissions import Permission, require
from desk_app.services.validation import clean_text, existing_id

_USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,40}$")


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    roles: tuple[str, ...]
    team_id: int | None
    team_name: str
    phone: str
    email: str
    title: str
    can_login: bool
    active: bool
    version: int


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    description: str
    active: bool
    members: int
    version: int


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    importance: str
    address: str
    active: bool
    version: int


def validate_username(username: str) -> str:
    name = (username or "").strip()
    if not _USERNAME.match(name):
        raise ValidationError(t("{field} has the wrong form: 2–40 letters, digits, '.', '_' or '-'.",
                                field=t("User name")), field="username")
    return name


def _roles(roles: list[str] | tuple[str, ...]) -> str:
    valid = {r.value for r in Role}
    for role in roles:
        if role not in valid:
            raise ValidationError(t("Unknown role: {role}.", role=role), field="roles")
    if not roles:
        raise ValidationError(t("At least one role is required."), field="roles")
    return ",".join(r for r in (x.value for x in Role) if r in roles)


def _user_row(u: User) -> UserRow:
    return UserRow(u.id, u.username, u.full_name, tuple(sorted(u.role_set())), u.team_id,
                   u.team.name if u.team_id else "", u.phone, u.email, u.title, u.can_login, u.active, u.version)


def list_users(include_inactive: bool = True) -> list[UserRow]:
    query = User.select(User, Team).join(Team, JOIN.LEFT_OUTER).order_by(User.full_name)
    if not include_inactive:
        query = query.where(User.active == True)  # noqa: E712
    return [_user_row(u) for u in query]


def _user_fields(full_name: str, roles: list[str], team_id: int | None, phone: str, email: str,
                 title: str) -> dict[str, object]:
    return {
        "full_name": clean_text(full_name, t("Full name"), required=True, field="full_name"),
        "roles": _roles(roles),
        "team": existing_id(Team, team_id, t("Team"), "team"),
        "phone": clean_text(phone, t("Phone"), max_length=40, field="phone"),
        "email": clean_text(email, t("Email"), max_length=200, field="email"),
        "title": clean_text(title, t("Title"), field="title"),
    }


def create_user(actor: Actor, username: str, full_name: str, roles: list[str], password: str | None = None,
                team_id: int | None = None, phone: str = "", email: str = "", title: str = "") -> UserRow:
    """Create a user. Without a password the person is staff without a login."""
    require(actor, Permission.MANAGE_USERS)
    name = validate_username(username)
    fields = _user_fields(full_name, roles, team_id, phone, email, title)
    if password:
        check_password_policy(password)
    if User.select().where(User.username == name).exists():
        raise ValidationError(t("The user name {name} is already taken.", name=name), field="username")
    with User._meta.database.atomic():
        user = User.create(username=name, password_hash=hash_password(password) if password else None,
                           can_login=bool(password), **fields)
        audit.record(actor, "user.create", user, after=audit.snapshot(user))
        if password:
            signing_keys.ensure_key(user, password)
            signing_keys.issue_for_session(actor)
            signing_keys.share_authority(actor, user, password)
    return _user_row(User.get_by_id(user.id))


def update_user(actor: Actor, user_id: int, expected_version: int, full_name: str, roles: list[str],
                team_id: int | None = None, phone: str = "", email: str = "", title: str = "",
                active: bool = True) -> UserRow:
    require(actor, Permission.MANAGE_USERS)
    user = records.load(User, user_id)
    fields = _user_fields(full_name, roles, team_id, phone, email, title)
    fields["active"] = active
    if user_id == actor.id and (Role.ADMIN not in fields["roles"].split(",") or not active):
        raise ValidationError(t("You cannot remove your own administrator role or disable yourself."),
                              field="roles")
    with User._meta.database.atomic():
        row = _user_row(records.update(actor, user, expected_version, fields, "user.update"))
        if not active:
            signing_keys.revoke(user)
    return row


def set_password(actor: Actor, user_id: int, password: str, old_password: str | None = None) -> None:
    """Set a user's password (an administrator, or the user themself). Gives them a login.

    With the old password their signing key is re-wrapped; without it (a reset) it is revoked and
    replaced (R45)."""
    if actor.id != user_id:
        require(actor, Permission.MANAGE_USERS)
    check_password_policy(password)
    user = records.load(User, user_id)
    with User._meta.database.atomic():
        records.update(actor, user, None, {"password_hash": hash_password(password), "can_login": True},
                       "user.set_password")
        signing_keys.on_password_set(user, password, old_password)
        signing_keys.issue_for_session(actor)
        signing_keys.share_authority(actor, user, password)


def list_teams() -> list[TeamRow]:
    query = (Team.select(Team, fn.COUNT(User.id).alias("n"))
             .join(User, JOIN.LEFT_OUTER, on=(User.team == Team.id)).group_by(Team.id).order_by(Team.name))
    return [TeamRow(tm.id, tm.name, tm.description, tm.active, tm.n, tm.version) for tm in query]


def team_leads() -> dict[int, list[str]]:
    """Team id → the full names of its active team leads (a team may have two, or none yet)."""
    leads: dict[int, list[str]] = {}
    query = User.select().where(User.team.is_null(False) & (User.active == True)).order_by(User.id)  # noqa: E712
    for user in query:
        if Role.TEAM_LEAD in user.role_set():
            leads.setdefault(user.team_id, []).append(user.full_name)
    return leads


def save_team(actor: Actor, name: str, description: str = "", active: bool = True,
              team_id: int | None = None, expected_version: int | None = None) -> TeamRow:
    """Create a team (no `team_id`) or update one."""
    check_team_edit(actor)
    fields = {"name": clean_text(name, t("Team name"), required=True, field="name"),
              "description": clean_text(description, t("Description"), max_length=2000), "active": active}
    check_team_edit(actor, team_id, fields)
    with Team._meta.database.atomic():
        if team_id is None:
            team = Team.create(**fields)
            audit.record(actor, "team.create", team, after=audit.snapshot(team))
        else:
            team = records.update(actor, records.load(Team, team_id), expected_version, fields, "team.update")
    return next(r for r in list_teams() if r.id == team.id)


def check_team_edit(actor: Actor, team_id: int | None = None, changes: dict[str, object] | None = None) -> None:
    """Who may save a team and which name it may take, for `save_team` and the undo of a team edit."""
    require(actor, Permission.MANAGE_TEAMS)
    name = (changes or {}).get("name")
    if name is not None and _name_taken(Team, str(name), team_id):
        raise ValidationError(t("A team named {name} already exists.", name=name), field="name")


def check_unit_edit(actor: Actor, unit_id: int | None = None, changes: dict[str, object] | None = None) -> None:
    """Who may save a customer unit and which name it may take, for `save_unit` and the undo of a unit edit."""
    require(actor, Permission.MANAGE_UNITS)
    name = (changes or {}).get("name")
    if name is not None and _name_taken(CustomerUnit, str(name), unit_id):
        raise ValidationError(t("A customer unit named {name} already exists.", name=name), field="name")


def _name_taken(model: type[Team] | type[CustomerUnit], name: str, own_id: int | None) -> bool:
    """Whether another team (or unit) than `own_id` already has this name."""
    query = model.select().where(model.name == name)
    return (query.where(model.id != own_id) if own_id else query).exists()


def list_units(include_inactive: bool = True) -> list[UnitRow]:
    query = CustomerUnit.select().order_by(CustomerUnit.name)
    if not include_inactive:
        query = query.where(CustomerUnit.active == True)  # noqa: E712
    return [UnitRow(u.id, u.name, u.importance, u.address, u.active, u.version) for u in query]


def save_unit(actor: Actor, name: str, importance: str = Importance.NORMAL.value, address: str = "",
              active: bool = True, unit_id: int | None = None, expected_version: int | None = None) -> UnitRow:
    """Create a customer unit (no `unit_id`) or update one."""
    check_unit_edit(actor)
    if importance not in {i.value for i in Importance}:
        raise ValidationError(t("{field} has the wrong form.", field=t("Importance")), field="importance")
    fields = {"name": clean_text(name, t("Unit name"), required=True, field="name"), "importance": importance,
              "address": clean_text(address, t("Address"), max_length=500), "active": active}
    check_unit_edit(actor, unit_id, fields)
    try:
        with CustomerUnit._meta.database.atomic():
            if unit_id is None:
                unit = CustomerUnit.create(**fields)
                audit.record(actor, "unit.create", unit, after=audit.snapshot(unit))
            else:
                unit = records.update(actor, records.load(CustomerUnit, unit_id), expected_version, fields,
                                      "unit.update")
    except IntegrityError as exc:  # a concurrent insert of the same name
        raise ValidationError(t("A customer unit named {name} already exists.", name=fields["name"]),
                              field="name") from exc
    return UnitRow(unit.id, unit.name, unit.importance, unit.address, unit.active, unit.version)
