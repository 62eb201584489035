"""The one source of truth for the codes stored in the database.

Codes are short ASCII strings; their Chinese and English labels live in
`desk_app.i18n` (reports, services) and in the Qt translations (UI).
"""

from enum import StrEnum


class Role(StrEnum):
    """Roles of SPEC §1. A user may hold several."""

    AGENT = "agent"  # 服务台/一线运维
    TECHNICIAN = "technician"  # 二线运维
    TEAM_LEAD = "team_lead"  # 工长/班长
    DISPATCHER = "dispatcher"  # 调度
    MANAGER = "manager"  # 管理人员/IT服务经理
    QUALITY = "quality"  # 质量控制
    ADMIN = "admin"  # 系统管理员


class Channel(StrEnum):
    HOTLINE = "hotline"  # 报修电话
    EMAIL = "email"
    WALK_IN = "walk_in"
    SELF_SERVICE = "self_service"


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class TicketState(StrEnum):
    """R4: new → assigned → in progress → escalated (L2) → escalated (vendor) → resolved → closed."""

    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    ESCALATED_L2 = "escalated_l2"
    ESCALATED_VENDOR = "escalated_vendor"
    RESOLVED = "resolved"
    CLOSED = "closed"


class EvaluationKind(StrEnum):
    """Who evaluated a closed ticket (R9, R10). R12: at most one of each kind per ticket."""

    SELF = "self"  # 工长自评
    DISPATCHER = "dispatcher"  # 调度回访
    MANAGER = "manager"  # 管理人员回访


class Rating(StrEnum):
    """Rating codes. The three-level scale (R8) is the default; the five-level one is for surveys."""

    VERY_SATISFIED = "very_satisfied"  # 非常满意
    SATISFIED = "satisfied"  # 满意
    BASIC = "basic"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意
    VERY_DISSATISFIED = "very_dissatisfied"  # 非常不满意


#: Order from best to worst, used for "at or below a threshold" comparisons.
RATING_ORDER: tuple[Rating, ...] = (
    Rating.VERY_SATISFIED,
    Rating.SATISFIED,
    Rating.BASIC,
    Rating.DISSATISFIED,
    Rating.VERY_DISSATISFIED,
)


def rating_at_or_below(rating: str, threshold: str) -> bool:
    """True when `rating` is as bad as `threshold` or worse."""
    return RATING_ORDER.index(Rating(rating)) >= RATING_ORDER.index(Rating(threshold))


class CallbackState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    UNREACHABLE = "unreachable"


class RevisitState(StrEnum):
    OPEN = "open"
    SUBMITTED = "submitted"
    DISCUSSED = "discussed"  # decided at the fault analysis meeting (R18a)


class ComplaintSource(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    CALLBACK = "callback"
    SURVEY = "survey"


class ComplaintState(StrEnum):
    """R21 with the activity codes of the ISO 20000 procedure."""

    RECORDED = "recorded"  # 01
    ACCEPTED = "accepted"  # 02
    INVALID = "invalid"  # 03 → closed as invalid
    FORM = "form"  # 04 complaint record form
    DISPATCHED = "dispatched"  # 05
    VERIFIED = "verified"  # 06
    CLOSED = "closed"


class ImprovementSource(StrEnum):
    REVISIT = "revisit"
    COMPLAINT = "complaint"
    SURVEY = "survey"
    CALLBACK = "callback"
    MEETING = "meeting"
    OTHER = "other"


class ImprovementState(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CONFIRMED = "confirmed"
    REOPENED = "reopened"


class ClosureCode(StrEnum):
    SUCCESSFUL = "successful"
    UNSUCCESSFUL = "unsuccessful"
    WITHDRAWN = "withdrawn"


class Importance(StrEnum):
    NORMAL = "normal"
    IMPORTANT = "important"  # 重要
    CORE = "core"  # 核心


class SurveyKind(StrEnum):
    INCIDENT = "incident"  # 事件满意度调查问卷
    COMPANY = "company"  # 公司满意度调查问卷
    ANNUAL = "annual"  # IT服务用户满意度调查表


class Dimension(StrEnum):
    """Question dimensions of R27."""

    OVERALL = "overall"
    QUALITY = "quality"
    PROCESS = "process"
    TECHNICAL = "technical"
    RESPONSE = "response"
    RESOLUTION = "resolution"
    ATTITUDE = "attitude"
    COMMUNICATION = "communication"


class AnswerType(StrEnum):
    RATING3 = "rating3"
    RATING5 = "rating5"
    YESNO = "yesno"
    TEXT = "text"


class PlanState(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    DISTRIBUTING = "distributing"
    COLLECTING = "collecting"
    CLOSED = "closed"
    ANALYSED = "analysed"


class FindingLevel(StrEnum):
    GENERAL = "general"
    SERIOUS = "serious"
    CRITICAL = "critical"


class FindingType(StrEnum):
    RESPONSE = "response"
    ATTITUDE = "attitude"
    TECHNICAL = "technical"
    RESOLUTION = "resolution"
    COMMUNICATION = "communication"
    OTHER = "other"


class ReportKind(StrEnum):
    MONTHLY_SERVICE = "monthly-service"
    MONTHLY_EVALUATION = "monthly-evaluation"
    QUARTERLY_SATISFACTION = "quarterly-satisfaction"
    ANNUAL_SURVEY = "annual-survey"
    MEETING_AGENDA = "meeting-agenda"  # 故障分析会议程 (R18a)
    REVISIT_FORM = "revisit-form"
    COMPLAINT_FEEDBACK = "complaint-feedback"
    IMPROVEMENT_TABLE = "improvement-table"


class ReportState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    REJECTED = "rejected"
    PUBLISHED = "published"
