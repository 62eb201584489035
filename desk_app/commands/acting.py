"""Who a command-line job acts as (R1: every action is done by a user; SPEC §11)."""

from desk_app.errors import ValidationError
from desk_app.i18n import N_, label, t
from desk_app.models import User
from desk_app.services.actor import Actor, first_active_with

#: What a command says on a database nobody has set up yet.
NO_USERS = N_("This database has no users yet: run `desk-app init` first.")


def acting_user(username: str | None, roles: tuple[str, ...]) -> Actor:
    """The `--user` account, else the first active user holding the first of `roles` anyone holds.

    The administrator `init` creates also holds the manager role, so on a new desk it is the one
    that acts for every command unless `--user` names another.
    """
    if not User.select().exists():
        raise ValidationError(t(NO_USERS), field="--user")
    if username:
        user = User.get_or_none(User.username == username.strip())
        if user is None:
            raise ValidationError(t("There is no user named {name}.", name=username), field="--user")
        if not user.active:
            raise ValidationError(t("The user {name} is disabled; enable them with `desk-app user enable {name}`.",
                                    name=user.username), field="--user")
        return Actor.from_user(user)
    actor = first_active_with(roles)
    if actor is not None:
        return actor
    raise ValidationError(t("Nobody can act for the command line (needed: {roles}); pass --user.",
                            roles=", ".join(label(r) for r in roles)), field="--user")
