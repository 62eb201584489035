"""Errors that services raise with messages a person understands."""


class DeskError(Exception):
    """Base of every error the application explains to the user (CLI exit status 1)."""


class ValidationError(DeskError):
    """Bad input. `field` names the place (a form field, or 'file, row, column')."""

    def __init__(self, message: str, field: str = "", problems: list[str] | None = None):
        super().__init__(message)
        self.field = field
        self.problems = problems or []

    def __str__(self) -> str:
        text = super().__str__()
        if self.problems:
            text += "\n" + "\n".join(f"  - {p}" for p in self.problems)
        return text


class PermissionDenied(DeskError):
    """The acting user's roles do not allow this action (R2)."""


class AuthenticationError(DeskError):
    """Wrong user name or password, or a disabled account."""


class ConflictError(DeskError):
    """Optimistic locking (R42): someone else saved the record since it was read."""

    def __init__(self, message: str, changed_by: str = "", changed_at: str = "",
                 changed_fields: list[str] | None = None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.changed_fields = list(changed_fields or [])


class NotFound(DeskError):
    """The record asked for does not exist (any more)."""


class DatabaseProblem(DeskError):
    """An environment problem with the database file (locked, read-only, full, corrupt, too new)."""


class DatabaseTooNew(DatabaseProblem):
    pass


class DatabaseCorrupt(DatabaseProblem):
    pass
