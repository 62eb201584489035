"""The plain data a report is made from and what a build returns: callers fill these in, the builder prints them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class DocumentHeader:
    """The document header block every report carries (R36)."""

    number: str  # document number, e.g. FW-2026-10
    title: str  # document name, e.g. 服务报告
    version: str = "1.0"
    drafter: str = ""  # 起草人
    reviewer: str = ""  # 审核人
    approver: str = ""  # 批准人
    effective_date: date | str | None = None  # 生效日期
    distribution: str = ""  # 发放范围


@dataclass(frozen=True)
class VersionRow:
    """One line of the version record (修订记录)."""

    version: str
    date: date | str | None
    author: str
    change: str


@dataclass(frozen=True)
class Signer:
    """One line of the signature block. `role_label` is an English source string marked with `N_()`
    (translated when printed) or final text."""

    role_label: str
    name: str = ""
    date: date | datetime | str | None = None
    is_approver: bool = False


@dataclass(frozen=True)
class Approval:
    """Set once the report is approved (R37): printed in the signature block and every footer."""

    approver: str
    approved_at: datetime | date | str
    sha256: str


@dataclass(frozen=True)
class BuildResult:
    path: Path | None
    sha256: str  # SHA-256 of the PDF bytes, hex
    page_count: int
    data: bytes = field(repr=False)
