"""The report font: a CJK TrueType font is found and registered once; CFF and Latin-only fonts are refused."""

import struct
from pathlib import Path

import pytest
import reportlab
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from desk_app import i18n
from desk_app.reports import fonts
from desk_app.reports.fonts import CFF_REASON, check_font_file, find_cjk_font

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


@pytest.fixture(autouse=True)
def fresh_font_cache():
    fonts.clear_cache()
    yield
    fonts.clear_cache()


@pytest.fixture
def system_cjk() -> fonts.FontInfo:
    info = find_cjk_font()
    if not info.has_cjk:
        pytest.skip("no CJK TrueType font installed on this machine (e.g. apt install fonts-wqy-microhei)")
    return info


def make_cff_font(path: Path) -> Path:
    """An OpenType file with PostScript (CFF) outlines, as far as its header goes ('OTTO')."""
    path.write_bytes(b"OTTO" + struct.pack(">HHHH", 1, 16, 0, 0) + b"CFF " + bytes(12) + bytes(64))
    return path


def make_cff_collection(path: Path) -> Path:
    """A .ttc whose first font has CFF outlines (like the Noto Sans CJK collections)."""
    path.write_bytes(b"ttcf" + struct.pack(">III", 0x00010000, 1, 16) + b"OTTO" + bytes(64))
    return path


def test_finds_and_registers_a_cjk_font(system_cjk: fonts.FontInfo):
    assert system_cjk.path and Path(system_cjk.path).is_file()
    assert system_cjk.warning is None
    assert system_cjk.name.startswith("DeskCJK-")


def test_registration_is_idempotent(system_cjk: fonts.FontInfo):
    assert find_cjk_font() is system_cjk
    assert find_cjk_font(None) is system_cjk


def test_explicit_path_wins(system_cjk: fonts.FontInfo):
    info = find_cjk_font(system_cjk.path)
    assert info.has_cjk and info.path == system_cjk.path and info.requested_problem is None


def test_reportlab_refuses_cff_and_we_say_why(tmp_path: Path):
    cff = make_cff_font(tmp_path / "NotoSansSC-Regular.otf")
    with pytest.raises(TTFError, match="postscript outlines are not supported"):
        TTFont("x", str(cff))
    assert check_font_file(cff) == CFF_REASON
    assert check_font_file(make_cff_collection(tmp_path / "NotoSansCJK.ttc")) == CFF_REASON


def test_cff_setting_is_rejected_with_a_reason_and_the_search_goes_on(tmp_path: Path):
    cff = make_cff_font(tmp_path / "NotoSansCJK-Regular.otf")
    info = find_cjk_font(str(cff))
    assert (str(cff), CFF_REASON) in info.rejected
    assert info.requested_problem == CFF_REASON
    assert "pdf.font_path" in (info.warning or "")
    assert "PostScript (CFF)" in (info.warning or "")
    i18n.set_language("zh_CN")
    assert "CFF" in (info.warning or "") and "无法使用" in (info.warning or "")


def test_latin_only_font_is_not_taken_for_chinese():
    info = find_cjk_font(str(VERA))
    assert (str(VERA), "it has no Chinese characters") in info.rejected
    assert info.path != str(VERA)


def test_other_files_are_refused(tmp_path: Path):
    text = tmp_path / "notes.ttf"
    text.write_text("not a font at all")
    assert check_font_file(text) == "not a TrueType font file"
    assert check_font_file(tmp_path / "missing.ttf") == "file not found"
    assert check_font_file(VERA) is None


def test_no_cjk_font_falls_back_to_helvetica(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fonts, "candidate_fonts", lambda: iter(()))
    info = find_cjk_font()
    assert not info.has_cjk
    assert info.name == "Helvetica" and info.path is None
    assert info.warning and "pdf.font_path" in info.warning


def test_fc_list_output_is_parsed(monkeypatch: pytest.MonkeyPatch):
    class Done:
        stdout = "/fonts/a/NotoSansCJK-Regular.ttc\n/fonts/b/uming.ttc\n/fonts/c/x.otf\n/fonts/d/wqy-zenhei.ttc\n"

    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(fonts.subprocess, "run", lambda *a, **k: Done())
    found = fonts.fc_list_fonts()
    assert Path("/fonts/c/x.otf") not in found  # .otf is CFF: never tried
    assert found[0] == Path("/fonts/a/NotoSansCJK-Regular.ttc")  # a sans face first, then checked by header
    assert set(found) == {
        Path("/fonts/a/NotoSansCJK-Regular.ttc"),
        Path("/fonts/b/uming.ttc"),
        Path("/fonts/d/wqy-zenhei.ttc"),
    }
