"""Users' full names by id, for the rows and messages of every record that names a person."""

from collections.abc import Iterable

from desk_app.models import User


def user_name(user_id: int | None) -> str:
    """The full name of a user; '' for no user or one that no longer exists."""
    if not user_id:
        return ""
    user = User.get_or_none(User.id == user_id)
    return user.full_name if user else ""


def user_names(ids: Iterable[int | None]) -> dict[int, str]:
    """{id: full name} of the given users, in one query (None and missing ids are left out)."""
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    return {u.id: u.full_name for u in User.select(User.id, User.full_name).where(User.id.in_(wanted))}
