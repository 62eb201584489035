"""Who a command-line job acts as (R1: every action is done by a user)."""

from desk_app.errors import ValidationError
from desk_app.i18n import label, t
from desk_app.models import User
from desk_app.services.actor import Actor


def acting_user(username: str | None, roles: tuple[str, ...]) -> Actor:
    """The `--user` account, else the first active user holding the first of `roles` anyone holds."""
    if username:
        user = User.get_or_none(User.username == username.strip())
        if user is None or not user.active:
            raise ValidationError(t("There is no active user named {name}.", name=username), field="user")
        return Actor.from_user(user)
    users = list(User.select().where(User.active == True).order_by(User.id))  # noqa: E712
    for role in roles:
        for user in users:
            if role in user.role_set():
                return Actor.from_user(user)
    raise ValidationError(t("Nobody can act for the command line (needed: {roles}); pass --user.",
                            roles=", ".join(label(r) for r in roles)), field="user")
