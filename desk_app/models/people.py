"""Users, teams, customer units and their contacts."""

from peewee import BooleanField, CharField, ForeignKeyField, TextField

from desk_app.models.base import TrackedModel
from desk_app.models.enums import Importance


class Team(TrackedModel):
    """A repair team (工班/班组)."""

    name = CharField(unique=True)
    description = TextField(default="")
    active = BooleanField(default=True)


class User(TrackedModel):
    """A member of staff. Staff without a login (e.g. imported technicians) have no password."""

    username = CharField(unique=True)
    full_name = CharField(index=True)
    roles = CharField(default="")  # comma-separated `Role` codes
    team = ForeignKeyField(Team, null=True, backref="members", on_delete="SET NULL")
    phone = CharField(default="")
    email = CharField(default="")
    title = CharField(default="")
    password_hash = CharField(null=True)
    can_login = BooleanField(default=False)
    active = BooleanField(default=True)
    language = CharField(default="")  # '' follows the system locale

    def role_set(self) -> set[str]:
        return {r for r in self.roles.split(",") if r}


class CustomerUnit(TrackedModel):
    """A customer organisation (客户单位)."""

    name = CharField(unique=True)
    importance = CharField(default=Importance.NORMAL.value, index=True)
    address = CharField(default="")
    active = BooleanField(default=True)


class Contact(TrackedModel):
    """A person at a customer unit: reporter, complainant, survey recipient."""

    unit = ForeignKeyField(CustomerUnit, null=True, backref="contacts", on_delete="SET NULL")
    name = CharField(index=True)
    title = CharField(default="")
    phone = CharField(default="", index=True)
    email = CharField(default="")
    location = CharField(default="")
    is_vip = BooleanField(default=False)  # director level and above (R22)
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")


def by_user(null: bool = True, index: bool = False) -> ForeignKeyField:
    """A foreign key to the acting user, without a back-reference."""
    return ForeignKeyField(User, null=null, backref="+", on_delete="SET NULL" if null else "RESTRICT",
                           index=index)
