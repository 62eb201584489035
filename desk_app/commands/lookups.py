"""Names typed on the command line turned into records: users, teams, roles (English or Chinese)."""

import re

from desk_app.errors import ValidationError
from desk_app.i18n import label, t
from desk_app.models import Team, User
from desk_app.models.enums import Role


def find_user(username: str, option: str = "USER") -> User:
    user = User.get_or_none(User.username == (username or "").strip())
    if user is None:
        raise ValidationError(t("There is no user named {name}.", name=username), field=option)
    return user


def find_team(name: str, option: str = "--team") -> Team:
    team = Team.get_or_none(Team.name == (name or "").strip())
    if team is None:
        known = ", ".join(tm.name for tm in Team.select().order_by(Team.name)) or t("none yet")
        raise ValidationError(t("There is no team named {name} (teams: {known}); add it with `desk-app team add`.",
                                name=name, known=known), field=option)
    return team


def parse_roles(text: str, option: str = "--role") -> list[str]:
    """Role codes from 'manager,quality', '管理人员，质量控制' or 'Team lead': ids or labels, either language."""
    names = {}
    for role in Role:
        for name in (role.value, label(role.value, "en"), label(role.value, "zh_CN")):
            names[name.casefold()] = role.value
    roles: list[str] = []
    for part in re.split(r"[,，、]", text or ""):
        part = part.strip()
        if not part:
            continue
        code = names.get(part.casefold())
        if code is None:
            choices = ", ".join(f"{r.value} ({label(r.value)})" for r in Role)
            raise ValidationError(t("Unknown role: {role}. The roles are: {choices}.", role=part, choices=choices),
                                  field=option)
        if code not in roles:
            roles.append(code)
    if not roles:
        raise ValidationError(t("At least one role is required."), field=option)
    return roles
