"""`desk-app --self-test` (R56) in the venv: every step passes and is printed; a failing step gives exit 1
and is named. Also the pieces the bundle relies on: the font check of a PDF, the bundled font first, and
RESOURCES inside a frozen program."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

import desk_app
from desk_app import self_test
from desk_app.cli import main
from desk_app.reports import fonts
from desk_app.reports.font_check import pdf_fonts

STEP_NAMES = [name for name, _ in self_test.STEPS]


@pytest.mark.slow
@pytest.mark.sqlite_only("the self-test makes its own temporary SQLite database")
def test_self_test_passes_and_prints_every_step(tmp_path: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-m", "desk_app", "--self-test"], capture_output=True, text=True,
                          env=env, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"desk-app {desk_app.__version__} self-test: Python 3.")
    for name in STEP_NAMES:
        assert any(line.split()[:2] == ["ok", name] for line in lines), (name, done.stdout)
    assert "every font embedded" in done.stdout and "platform offscreen" in done.stdout
    assert lines[-1] == f"self-test passed: {len(STEP_NAMES)} steps"
    assert not (tmp_path / "home").exists()  # nothing of the user's touched


def test_a_failing_step_exits_1_and_is_named(monkeypatch, capsys):
    def broken(run):
        raise RuntimeError("the printer caught fire")

    steps = [(name, broken if name == "report" else step) for name, step in self_test.STEPS]
    monkeypatch.setattr(self_test, "STEPS", steps)
    assert main(["--self-test"]) == 1
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert [line.split()[1] for line in out if line.startswith("ok")] == ["database", "demo"]
    assert "FAILED report" in captured.out and "RuntimeError: the printer caught fire" in captured.out
    assert out[-1] == "self-test failed at step report"
    assert "Traceback" in captured.err


def test_a_step_that_sees_something_wrong_fails(monkeypatch, capsys):
    def no_chinese(run):
        raise self_test.StepFailed("the UI font DejaVu Sans has no Chinese characters")

    monkeypatch.setattr(self_test, "STEPS", [("database", self_test.step_database), ("window", no_chinese)])
    assert self_test.run_self_test(out=(out := io.StringIO())) == 1
    failed = [line.split(None, 2) for line in out.getvalue().splitlines() if line.startswith("FAILED")]
    assert failed == [["FAILED", "window", "StepFailed: the UI font DejaVu Sans has no Chinese characters"]]


def _pdf(draw, font: str = "Helvetica") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=font)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_font_check_finds_a_font_that_is_not_embedded():
    found = pdf_fonts(_pdf(lambda c: c.drawString(72, 72, "Helvetica is not embedded")))
    assert found.not_embedded == ("Helvetica",) and not found.ok
    with pytest.raises(ValueError):
        pdf_fonts(b"not a pdf")


def test_font_check_accepts_an_embedded_truetype_font(cjk):
    def draw(canvas):
        canvas.setFont(cjk.name, 12)
        canvas.drawString(72, 72, "服务满意度")

    found = pdf_fonts(_pdf(draw, cjk.name))
    assert found.ok and found.embedded and not found.not_embedded


def test_the_bundled_font_is_tried_first(cjk, tmp_path: Path, monkeypatch):
    folder = tmp_path / "fonts"
    folder.mkdir()
    copy = folder / "bundled-cjk.ttc"
    copy.symlink_to(cjk.path)
    (folder / "README.md").write_text("not a font")
    monkeypatch.setattr(fonts, "BUNDLED_FONTS", folder)
    assert fonts.bundled_fonts() == [copy]
    assert next(iter(fonts.candidate_fonts())) == (copy, None)
    fonts.clear_cache()
    try:
        assert fonts.find_cjk_font().path == str(copy)
    finally:
        fonts.clear_cache()


def test_resources_of_a_frozen_program(monkeypatch, tmp_path: Path):
    assert desk_app._resources() == Path(desk_app.__file__).resolve().parent.parent / "resources"
    monkeypatch.setattr(desk_app, "FROZEN", True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert desk_app._resources() == tmp_path / "_internal" / "resources"
