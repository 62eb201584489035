"""The acting user as every service sees it: the lowest piece of the services floor, so audit,
permissions, records and accounts can all take one without importing each other."""

from dataclasses import dataclass

from desk_app.models import User


@dataclass(frozen=True)
class Actor:
    """The logged-in user, as services see them. Passed explicitly to every service call."""

    id: int
    username: str
    full_name: str
    roles: frozenset[str]
    team_id: int | None = None

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)

    @classmethod
    def from_user(cls, user: User) -> "Actor":
        return cls(user.id, user.username, user.full_name, frozenset(user.role_set()), user.team_id)


def first_active_with(roles: tuple[str, ...]) -> Actor | None:
    """The first active user holding the first of `roles` anyone holds: who unattended work acts as
    (`run-due` and the open program's timer, R55); None when nobody holds any of them."""
    users = list(User.select().where(User.active == True).order_by(User.id))  # noqa: E712
    for role in roles:
        for user in users:
            if role in user.role_set():
                return Actor.from_user(user)
    return None
