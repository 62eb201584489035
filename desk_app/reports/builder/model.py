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
    (translated when printed) or final text. A `sign_key` ("reviewer", "approver") marks the line as
    signed digitally: its empty Signature cell is recorded as a `SignatureBox` under that key, and the
    approver's name is left out of the Name cell (the visible signature carries name, role and time)."""

    role_label: str
    name: str = ""
    date: date | datetime | str | None = None
    is_approver: bool = False
    sign_key: str = ""


@dataclass(frozen=True)
class Approval:
    """Set once the report is final (R37): printed in the signature block and every footer. `approver`
    may be "" when the file is made for signing before the approver is known (a review step): the
    block and footer then print the figures' SHA-256 without a name."""

    approver: str
    approved_at: datetime | date | str
    sha256: str


@dataclass(frozen=True)
class BuildResult:
    path: Path | None
    sha256: str  # SHA-256 of the PDF bytes, hex
    page_count: int
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class SignatureBox:
    """Where a digital signature's visible stamp goes: the empty Signature cell of a signer line.

    `page` is the 0-based page index; x1, y1 (lower left) and x2, y2 (upper right) are absolute PDF
    user-space points of that page (origin at the lower-left corner of the media box, y upwards), as
    pyHanko's ``SigFieldSpec(box=(x1, y1, x2, y2), on_page=page)`` takes them."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SignablePdf:
    """A built PDF and the signature boxes of its signer lines, by `Signer.sign_key`."""

    pdf: bytes = field(repr=False)
    boxes: dict[str, SignatureBox] = field(default_factory=dict)
