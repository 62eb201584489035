"""Signed PDF reports (R45, R46): real reportlab files signed by a reviewer and an approver with pyHanko,
checked by poppler's pdfsig and by our own pyHanko-based check, then tampered with; the stamp is looked at
by rendering the page with pdftoppm."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps import DummyTimeStamper
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from desk_app.errors import ValidationError
from desk_app.signing import pki
from desk_app.signing.pdf_sign import StampBox, sign_pdf
from desk_app.signing.pdf_verify import check_signatures

pytestmark = pytest.mark.skipif(not (shutil.which("pdfsig") and shutil.which("pdftoppm")),
                                reason="poppler-utils (pdfsig, pdftoppm) not installed")

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
needs_wqy = pytest.mark.skipif(not Path(WQY).exists(), reason="WenQuanYi Micro Hei not installed")
NOW = datetime.now(UTC).replace(microsecond=0)
REVIEWED_AT = NOW - timedelta(minutes=3)
APPROVED_AT = NOW - timedelta(minutes=1)
REVIEW_BOX = StampBox(page=2, x1=60, y1=90, x2=240, y2=121)
APPROVE_BOX = StampBox(page=2, x1=320, y1=90, x2=500, y2=121)
XMP_PDFA = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""


def make_pdf(pages: int = 3, chinese: bool = True) -> bytes:
    """A report-like PDF made by reportlab: text on every page, PDF/A identification in XMP."""
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    font = "Helvetica"
    if chinese:
        pdfmetrics.registerFont(TTFont("WQY", WQY, subfontIndex=0))
        font = "WQY"
    c.setCatalogEntry("Metadata", XMP(creator=lambda doc: XMP_PDFA))
    for page in range(pages):
        c.setFont(font, 14)
        c.drawString(72, 760, f"服务台月报 Monthly service report, page {page + 1}" if chinese else f"Page {page + 1}")
        c.setFont(font, 9)
        c.drawString(60, 125, "审核 Reviewed by" if chinese else "Reviewed by")
        c.drawString(320, 125, "批准 Approved by" if chinese else "Approved by")
        c.showPage()
    c.save()
    return out.getvalue()


def user(authority: pki.KeyPair, username: str, full_name: str) -> pki.KeyPair:
    key = pki.new_key()
    cert = pki.certify(authority, pki.public_pem(key), username=username, full_name=full_name, org_name="测试服务台",
                       now=NOW - timedelta(days=1))
    return pki.KeyPair(key, cert)


def sign(pdf: bytes, signer: pki.KeyPair, authority: pki.KeyPair, field: str, box: StampBox, lines: list[str],
         when: datetime | None, **extra) -> bytes:
    return sign_pdf(pdf, key_pem=signer.key_pem, cert_pem=signer.cert_pem, chain=[authority.cert_pem],
                    field_name=field, box=box, stamp_lines=lines, font_path=extra.pop("font_path", WQY),
                    reason=extra.pop("reason", field), signing_time=when, **extra)


@pytest.fixture(scope="module")
def ca() -> pki.KeyPair:
    return pki.new_authority("测试服务台", NOW - timedelta(days=1))


@pytest.fixture(scope="module")
def reviewer(ca: pki.KeyPair) -> pki.KeyPair:
    return user(ca, "qian", "钱质检")


@pytest.fixture(scope="module")
def approver(ca: pki.KeyPair) -> pki.KeyPair:
    return user(ca, "zhou", "周经理")


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return make_pdf()


@pytest.fixture(scope="module")
def reviewed(unsigned: bytes, reviewer: pki.KeyPair, ca: pki.KeyPair) -> bytes:
    lines = ["钱质检 · 审核", f"{REVIEWED_AT:%Y-%m-%d %H:%M}", "数字签名"]
    return sign(unsigned, reviewer, ca, "review", REVIEW_BOX, lines, REVIEWED_AT, reason="审核")


@pytest.fixture(scope="module")
def approved(reviewed: bytes, approver: pki.KeyPair, ca: pki.KeyPair) -> bytes:
    lines = ["周经理 · 批准", f"{APPROVED_AT:%Y-%m-%d %H:%M}", "数字签名"]
    return sign(reviewed, approver, ca, "approve", APPROVE_BOX, lines, APPROVED_AT, reason="批准")


def pdfsig(pdf: bytes, tmp_path: Path) -> list[str]:
    """pdfsig's "Signature Validation" verdict of every signature, in order."""
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return [line.split(":", 1)[1].strip() for line in result.stdout.splitlines()
            if line.strip().startswith("- Signature Validation:")]


def flip(pdf: bytes, at: int) -> bytes:
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1:]


def gray_page(pdf: bytes, page: int, tmp_path: Path) -> tuple[int, int, bytes]:
    """The page rendered by pdftoppm at 100 dpi as 8-bit gray: (width, height, pixels)."""
    (tmp_path / "in.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-f", str(page + 1), "-l", str(page + 1), "-singlefile",
                    str(tmp_path / "in.pdf"), str(tmp_path / "page")], check=True, timeout=60)
    data = (tmp_path / "page.pgm").read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    return int(width), int(height), pixels


def box_pixels(image: tuple[int, int, bytes], box: StampBox) -> list[int]:
    width, height, pixels = image
    scale = 100 / 72
    page_height = A4[1]
    rows = range(round((page_height - box.y2) * scale), round((page_height - box.y1) * scale))
    cols = range(round(box.x1 * scale), round(box.x2 * scale))
    return [pixels[row * width + col] for row in rows for col in cols]


def test_reviewer_then_approver_both_valid_for_pdfsig(approved: bytes, tmp_path: Path) -> None:
    assert pdfsig(approved, tmp_path) == ["Signature is Valid.", "Signature is Valid."]


def test_signing_is_an_incremental_update(unsigned: bytes, reviewed: bytes, approved: bytes) -> None:
    assert reviewed.startswith(unsigned) and approved.startswith(reviewed)
    assert b"PRIVATE KEY" not in approved


def test_our_check_agrees_both_signatures_hold(approved: bytes, ca: pki.KeyPair, reviewer: pki.KeyPair,
                                                approver: pki.KeyPair) -> None:
    result = check_signatures(approved, trust=[ca.cert_pem])
    assert result.ok and not result.changed_after_last and result.problem == ""
    review, approve = result.signatures
    assert (review.field_name, review.signer_name, review.username, review.organisation) == (
        "review", "钱质检", "qian", "测试服务台")
    assert (approve.field_name, approve.signer_name, approve.username) == ("approve", "周经理", "zhou")
    assert review.fingerprint == pki.fingerprint(reviewer.cert_pem)
    assert approve.fingerprint == pki.fingerprint(approver.cert_pem)
    assert (review.signing_time, approve.signing_time) == (REVIEWED_AT, APPROVED_AT)
    for check in result.signatures:
        assert check.intact and check.trusted and not check.revoked and check.covers_until_end
        assert check.problem == ""


def test_the_reviewers_signature_alone_holds_and_reason_is_recorded(reviewed: bytes, approved: bytes,
                                                                    ca: pki.KeyPair) -> None:
    assert check_signatures(reviewed, trust=[ca.cert_pem]).ok
    reader = PdfFileReader(BytesIO(approved), strict=False)
    assert [sig.sig_object["/Reason"] for sig in reader.embedded_signatures] == ["审核", "批准"]
    assert all(sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached" for sig in reader.embedded_signatures)


def test_the_pdfa_identification_survives_signing(approved: bytes) -> None:
    """pyHanko rewrites the XMP packet (modification date, producer): the PDF/A id stays, Info and XMP agree."""
    reader = PdfFileReader(BytesIO(approved), strict=False)
    xmp = reader.root["/Metadata"].data.decode("utf-8")
    assert re.search(r'pdfaid:part(="|>)2', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    producer = re.search(r'pdf:Producer(?:="|>)([^"<]+)', xmp).group(1)
    assert reader.trailer["/Info"]["/Producer"] == producer
    modified = re.search(r'xmp:ModifyDate(?:="|>)([^"<]+)', xmp).group(1)
    info_modified = str(reader.trailer["/Info"]["/ModDate"])
    assert datetime.fromisoformat(modified) == datetime.strptime(info_modified[2:16] + "+0000", "%Y%m%d%H%M%S%z")


def test_a_flipped_byte_in_the_signed_range_breaks_both(approved: bytes, ca: pki.KeyPair, tmp_path: Path) -> None:
    tampered = flip(approved, approved.index(b"Monthly") if b"Monthly" in approved else approved.index(b"/Producer"))
    assert all(verdict != "Signature is Valid." for verdict in pdfsig(tampered, tmp_path))
    result = check_signatures(tampered, trust=[ca.cert_pem])
    assert not result.ok
    assert [check.intact for check in result.signatures] == [False, False]
    assert all(check.problem for check in result.signatures)


def test_a_flipped_byte_in_the_contents_breaks_that_signature(reviewed: bytes, ca: pki.KeyPair) -> None:
    start = reviewed.rindex(b"/Contents <") + len(b"/Contents <")
    cms_hex = reviewed[start:reviewed.index(b">", start)].rstrip(b"0")  # the DER, without the zero padding
    at = start + len(cms_hex) - 10  # inside the signature value, the last field of the CMS
    tampered = reviewed[:at] + (b"0" if reviewed[at:at + 1] != b"0" else b"1") + reviewed[at + 1:]
    result = check_signatures(tampered, trust=[ca.cert_pem])
    assert not result.ok
    assert [check.intact for check in result.signatures] == [False]
    assert result.signatures[0].problem


def test_bytes_appended_after_the_end_are_noticed(approved: bytes, ca: pki.KeyPair) -> None:
    result = check_signatures(approved + b"\n% appended\n", trust=[ca.cert_pem])
    assert result.changed_after_last and not result.ok
    assert result.problem


def test_a_foreign_authoritys_certificate_is_not_trusted(unsigned: bytes, ca: pki.KeyPair, tmp_path: Path) -> None:
    foreign_ca = pki.new_authority("别的公司", NOW - timedelta(days=1))
    stranger = user(foreign_ca, "wu", "吴某")
    signed = sign(unsigned, stranger, foreign_ca, "review", REVIEW_BOX, ["吴某 · 审核"], None)
    assert pdfsig(signed, tmp_path) == ["Signature is Valid."]
    (check,) = check_signatures(signed, trust=[ca.cert_pem]).signatures
    assert check.intact and not check.trusted
    assert "not made with a certificate of this desk" in check.problem
    assert check_signatures(signed, trust=[foreign_ca.cert_pem]).ok


def test_revocation_counts_only_from_its_time(approved: bytes, ca: pki.KeyPair, reviewer: pki.KeyPair) -> None:
    fingerprint = pki.fingerprint(reviewer.cert_pem)
    before = check_signatures(approved, trust=[ca.cert_pem], revoked={fingerprint: REVIEWED_AT - timedelta(hours=1)})
    assert not before.ok
    assert [check.revoked for check in before.signatures] == [True, False]
    assert "revoked" in before.signatures[0].problem
    after = check_signatures(approved, trust=[ca.cert_pem], revoked={fingerprint: REVIEWED_AT + timedelta(seconds=1)})
    assert after.ok and not after.signatures[0].revoked


def test_an_unsigned_or_foreign_file_is_not_ok(unsigned: bytes, approved: bytes, ca: pki.KeyPair) -> None:
    draft = check_signatures(unsigned, trust=[ca.cert_pem])
    assert not draft.ok and draft.signatures == [] and "no digital signature" in draft.problem
    garbage = check_signatures(b"PK\x03\x04 a zip file", trust=[ca.cert_pem])
    assert not garbage.ok and "not a PDF" in garbage.problem
    truncated = check_signatures(approved[: len(approved) // 3], trust=[ca.cert_pem])
    assert not truncated.ok and (truncated.problem or not all(c.intact for c in truncated.signatures))


def test_signing_a_damaged_or_unsuitable_input_is_a_validation_error(unsigned: bytes, reviewed: bytes,
                                                                      reviewer: pki.KeyPair,
                                                                      approver: pki.KeyPair,
                                                                      ca: pki.KeyPair) -> None:
    with pytest.raises(ValidationError, match="not a PDF"):
        sign(b"hello", reviewer, ca, "review", REVIEW_BOX, ["x"], None)
    with pytest.raises(ValidationError, match="damaged"):
        sign(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", reviewer, ca, "review", REVIEW_BOX, ["x"], None)
    with pytest.raises(ValidationError, match="page"):
        sign(unsigned, reviewer, ca, "review", StampBox(7, 60, 90, 240, 121), ["x"], None)
    with pytest.raises(ValidationError, match="does not belong"):
        sign(unsigned, pki.KeyPair(approver.key_pem, reviewer.cert_pem), ca, "review", REVIEW_BOX, ["x"], None)
    with pytest.raises(ValidationError, match="review"):
        sign(reviewed, approver, ca, "review", REVIEW_BOX, ["x"], None)


def test_the_stamp_is_drawn_inside_the_box(unsigned: bytes, approved: bytes, tmp_path: Path) -> None:
    before, after = gray_page(unsigned, 2, tmp_path), gray_page(approved, 2, tmp_path)
    for box in (REVIEW_BOX, APPROVE_BOX):
        blank, stamped = box_pixels(before, box), box_pixels(after, box)
        assert min(blank) > 200  # nothing there before
        dark = sum(1 for value in stamped if value < 128)
        assert dark > 0.03 * len(stamped)  # border and three lines of text
    assert gray_page(unsigned, 0, tmp_path)[2] == gray_page(approved, 0, tmp_path)[2]  # other pages unchanged


def test_the_stamp_embeds_the_cjk_font(approved: bytes) -> None:
    reader = PdfFileReader(BytesIO(approved), strict=False)
    for sig in reader.embedded_signatures:
        appearance = sig.sig_field["/Kids"][0] if "/Kids" in sig.sig_field else sig.sig_field
        font = appearance["/AP"]["/N"]["/Resources"]["/Font"]["/F1"]
        descendant = font["/DescendantFonts"][0]
        assert "WenQuanYi" in str(descendant["/BaseFont"])
        assert "/FontFile2" in descendant["/FontDescriptor"]
        widths = [w for item in descendant["/W"] if isinstance(item, list) for w in item]
        assert max(widths) <= 1000  # scaled to 1000 units per em, else the text would be spaced out


def test_without_a_font_the_stamp_uses_pyhankos_default(ca: pki.KeyPair, reviewer: pki.KeyPair,
                                                        tmp_path: Path) -> None:
    plain = make_pdf(pages=1, chinese=False)
    box = StampBox(0, 60, 90, 240, 121)
    signed = sign(plain, reviewer, ca, "review", box, ["Qian · review", "100% sure", "钱"], None, font_path=None)
    assert pdfsig(signed, tmp_path) == ["Signature is Valid."]
    assert check_signatures(signed, trust=[ca.cert_pem]).ok
    assert sum(1 for v in box_pixels(gray_page(signed, 0, tmp_path), box) if v < 128) > 100


@pytest.fixture
def tsa(ca: pki.KeyPair) -> Iterator[str]:
    """A time-stamping authority on localhost (pyHanko's DummyTimeStamper behind http.server), certified by `ca`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's dummy TSA signs RSA only
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(serialization.load_pem_private_key(ca.key_pem, None), hashes.SHA256())
    )
    stamper = DummyTimeStamper(
        tsa_cert=next(iter(load_certs_from_pemder_data(cert.public_bytes(serialization.Encoding.PEM)))),
        tsa_key=load_private_key_from_pemder_data(key_pem, None),
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = asyncio.run(stamper.async_request_tsa_response(request)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_a_timestamped_signature_is_pades_b_t(unsigned: bytes, reviewer: pki.KeyPair, ca: pki.KeyPair, tsa: str,
                                              tmp_path: Path) -> None:
    signed = sign(unsigned, reviewer, ca, "review", REVIEW_BOX, ["钱质检 · 审核"], None, timestamp_url=tsa)
    assert pdfsig(signed, tmp_path) == ["Signature is Valid."]
    result = check_signatures(signed, trust=[ca.cert_pem])
    assert result.ok
    reader = PdfFileReader(BytesIO(signed), strict=False)
    unsigned_attrs = reader.embedded_signatures[0].signer_info["unsigned_attrs"].native
    assert [attr["type"] for attr in unsigned_attrs] == ["signature_time_stamp_token"]
    assert abs(result.signatures[0].signing_time - datetime.now(UTC)) < timedelta(minutes=2)


def test_an_unreachable_timestamp_service_is_a_validation_error(unsigned: bytes, reviewer: pki.KeyPair,
                                                                ca: pki.KeyPair) -> None:
    with pytest.raises(ValidationError, match="time-stamping"):
        sign(unsigned, reviewer, ca, "review", REVIEW_BOX, ["x"], None, timestamp_url="http://127.0.0.1:9/")
