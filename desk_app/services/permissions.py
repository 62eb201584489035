"""R2: who may do what. Every service that changes data calls `require` first."""

from enum import StrEnum

from desk_app.errors import PermissionDenied
from desk_app.i18n import N_, t
from desk_app.models.enums import Role
from desk_app.services.actor import Actor


class Permission(StrEnum):
    MANAGE_USERS = "manage users"
    MANAGE_TEAMS = "manage teams"
    MANAGE_UNITS = "manage customer units"
    MANAGE_SETTINGS = "change settings"
    BACKUP_RESTORE = "back up or restore the database"
    LOAD_DEMO = "load demo data"
    TICKET_CREATE = "record tickets"
    TICKET_WORK = "work on tickets"
    TICKET_ASSIGN = "assign tickets"
    TICKET_IMPORT = "import the ticket ledger"
    KNOWLEDGE_EDIT = "edit knowledge articles"
    SELF_EVALUATE = N_("self-evaluate tickets")
    PLAN_CALLBACKS = "plan callbacks"
    DO_CALLBACK = "call customers back"
    FILL_REVISIT = "fill revisit forms"
    RECORD_MEETING = "record fault analysis meeting decisions"
    VIEW_ALL_RESULTS = "see everyone's evaluation results"
    COMPLAINT_RECORD = "record complaints"
    COMPLAINT_HANDLE = "handle complaints"
    COMPLAINT_VERIFY = "verify complaint measures"
    IMPROVEMENT_EDIT = "edit improvement projects"
    IMPROVEMENT_CONFIRM = "confirm improvement projects"
    SURVEY_PLAN = "plan surveys"
    SURVEY_APPROVE = "approve survey plans"
    SURVEY_COLLECT = "distribute and collect surveys"
    FINDING_REVIEW = "review finding classifications"
    REPORT_DRAFT = "generate and submit reports"
    REPORT_REVIEW = N_("review reports")
    REPORT_APPROVE = N_("approve reports")
    VIEW_AUDIT = "view the audit log"


_A, _T, _L, _D, _M, _Q, _ADM = (Role.AGENT, Role.TECHNICIAN, Role.TEAM_LEAD, Role.DISPATCHER, Role.MANAGER,
                                Role.QUALITY, Role.ADMIN)

#: The roles allowed each permission.
GRANTS: dict[Permission, frozenset[str]] = {
    Permission.MANAGE_USERS: frozenset({_ADM}),
    Permission.MANAGE_TEAMS: frozenset({_ADM}),
    Permission.MANAGE_UNITS: frozenset({_ADM, _M}),
    Permission.MANAGE_SETTINGS: frozenset({_ADM}),
    Permission.BACKUP_RESTORE: frozenset({_ADM}),
    Permission.LOAD_DEMO: frozenset({_ADM}),
    Permission.TICKET_CREATE: frozenset({_A, _T, _L, _D, _M}),
    Permission.TICKET_WORK: frozenset({_A, _T, _L, _M}),
    Permission.TICKET_ASSIGN: frozenset({_A, _L, _D, _M}),
    Permission.TICKET_IMPORT: frozenset({_ADM, _M}),
    Permission.KNOWLEDGE_EDIT: frozenset({_A, _T, _L, _M}),
    Permission.SELF_EVALUATE: frozenset({_L, _M}),
    Permission.PLAN_CALLBACKS: frozenset({_D, _M}),
    Permission.DO_CALLBACK: frozenset({_D, _M}),
    Permission.FILL_REVISIT: frozenset({_L, _M}),
    Permission.RECORD_MEETING: frozenset({_M}),
    Permission.VIEW_ALL_RESULTS: frozenset({_L, _D, _M, _Q}),
    Permission.COMPLAINT_RECORD: frozenset({_A, _D, _M, _Q}),
    Permission.COMPLAINT_HANDLE: frozenset({_A, _M, _Q}),
    Permission.COMPLAINT_VERIFY: frozenset({_M}),
    Permission.IMPROVEMENT_EDIT: frozenset({_L, _M, _Q}),
    Permission.IMPROVEMENT_CONFIRM: frozenset({_M}),
    Permission.SURVEY_PLAN: frozenset({_Q, _M}),
    Permission.SURVEY_APPROVE: frozenset({_M}),
    Permission.SURVEY_COLLECT: frozenset({_A, _Q, _M}),
    Permission.FINDING_REVIEW: frozenset({_Q}),
    Permission.REPORT_DRAFT: frozenset({_A, _Q, _M}),
    Permission.REPORT_REVIEW: frozenset({_Q, _M}),
    Permission.REPORT_APPROVE: frozenset({_M}),
    Permission.VIEW_AUDIT: frozenset({_ADM, _M}),
}


def can(actor: Actor, permission: Permission) -> bool:
    return bool(actor.roles & GRANTS[permission])


def require(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDenied unless one of the actor's roles grants `permission`."""
    if not can(actor, permission):
        raise PermissionDenied(t("You are not allowed to do this: {action}.", action=t(permission.value)))
