"""The start-up imports no PostgreSQL driver, and a PostgreSQL database still gets peewee's full driver set-up.

peewee imports psycopg (and asyncio with it, about 0.1 s) when it is imported; desk_app imports
peewee without it and desk_app.store.postgres.load_driver() hands it over before a PostgreSQL
database is made. Each case runs in a fresh interpreter, as the import order is what is tested.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Every name of peewee's module, and of its classes, whose value comes from psycopg, with its repr.
_DRIVER_NAMES = r"""
import json, sys, types
{setup}
import peewee

def from_psycopg(value):
    module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
    return isinstance(module, str) and module.split(".")[0] in ("psycopg", "psycopg_binary")

found = {{}}
for name, value in vars(peewee).items():
    if from_psycopg(value):
        found[name] = repr(value)
    if isinstance(value, type) and value.__module__ == "peewee":
        for attr, inner in vars(value).items():
            if from_psycopg(inner):
                found[f"{{name}}.{{attr}}"] = repr(inner)
print(json.dumps(found, sort_keys=True))
"""


def _python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip().splitlines()[-1]


def test_the_log_in_path_imports_no_postgresql_driver():
    code = ("import sys\nimport desk_app.cli, desk_app.ui.app, desk_app.services.opening\n"
            "desk_app.cli.build_parser()\nimport peewee\n"
            "print(peewee.psycopg is None and not any(m.split('.')[0] == 'psycopg' for m in sys.modules))")
    assert _python(code) == "True"


def test_load_driver_sets_what_peewee_sets_when_it_finds_psycopg():
    plain = json.loads(_python(_DRIVER_NAMES.format(setup="")))
    assert {"psycopg", "TransactionStatus", "Json_pg3", "Jsonb_pg3", "Psycopg3Adapter.txn_idle"} <= set(plain)
    handed_over = json.loads(_python(_DRIVER_NAMES.format(setup=(
        "import desk_app, peewee\n"
        "assert peewee.psycopg is None and 'psycopg' not in sys.modules\n"
        "from desk_app.store.postgres import load_driver\n"
        "load_driver()\n"
        "load_driver()"))))
    assert handed_over == plain


def test_psycopg_imported_first_is_found_by_peewee_as_usual():
    code = "import psycopg, desk_app, peewee\nprint(peewee.psycopg is psycopg)"
    assert _python(code) == "True"


def test_psycopg_imports_as_usual_after_peewee():
    code = "import desk_app, peewee, psycopg\nprint(peewee.psycopg is None, psycopg.Binary is not None)"
    assert _python(code) == "True True"


def test_nothing_of_the_import_hook_is_left_once_peewee_is_imported():
    code = ("import sys, desk_app, peewee\n"
            "print(type(peewee.__loader__).__name__, peewee.__spec__.loader is peewee.__loader__,"
            " any(type(f).__module__ == 'desk_app' for f in sys.meta_path))")
    assert _python(code) == "SourceFileLoader True False"


def test_the_main_window_imports_no_report_workbook_mail_or_signing_library():
    """Those are loaded where they are used (a tab, a worker), not on the way to the painted window."""
    heavy = ("reportlab", "openpyxl", "smtplib", "jieba", "pyhanko", "PySide6.QtCharts", "PySide6.QtPdf")
    code = ("import json, sys\nimport desk_app.ui.main_window\n"
            f"print(json.dumps([m for m in {heavy!r} if m in sys.modules]))")
    assert json.loads(_python(code)) == []
