"""A new desk without the GUI (R48): the first administrator and the desk's own settings, all at once."""

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.models import User
from desk_app.models.enums import Role
from desk_app.services import settings
from desk_app.services.actor import Actor
from desk_app.services.auth import create_first_admin
from desk_app.services.users import validate_username


def administrators() -> list[User]:
    """The active administrators, oldest first."""
    query = User.select().where(User.active == True).order_by(User.id)  # noqa: E712
    return [u for u in query if Role.ADMIN in u.role_set()]


def check_new_desk(username: str, full_name: str, org_name: str | None = None) -> None:
    """What `init_desk` refuses, checked before anyone is asked for a password."""
    existing = administrators()
    if existing:
        raise ValidationError(t("This desk already has an administrator ({name}); nothing was changed.",
                                name=existing[0].username), field="--admin")
    validate_username(username)
    if not (full_name or "").strip():
        raise ValidationError(t("{field} is required.", field="--full-name"), field="--full-name")
    if org_name is not None:
        if not org_name.strip():
            raise ValidationError(t("{field} is empty; leave it out to keep the default.", field="--org"),
                                  field="--org")
        settings.validate("org.name", org_name.strip())


def init_desk(username: str, full_name: str, password: str, org_name: str | None = None) -> Actor:
    """Create the first administrator (also a manager) and store the organisation name: whole or not at all.

    Refused, with nothing changed, on a database that already has an administrator or anyone who can
    log in. The schema is created and migrated by whoever opened the database (`open_desk`).
    """
    check_new_desk(username, full_name, org_name)
    with User._meta.database.atomic():
        actor = create_first_admin(username, full_name, password, org_name.strip() if org_name else None)
        if org_name is not None:
            settings.set_many(actor, {"org.name": org_name.strip()})
    return actor
