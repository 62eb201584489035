"""Service Desk: a Qt desktop application for small IT service desks."""

import sys
from pathlib import Path

__version__ = "0.1.0"

#: True when running from the desktop bundle (PyInstaller, packaging/desk-app.spec) rather than a checkout.
FROZEN = bool(getattr(sys, "frozen", False))


def _resources() -> Path:
    """resources/ beside the package in a checkout (installed editable); in the bundle, the copy the
    spec puts in the bundle's data folder (sys._MEIPASS: dist/desk-app/_internal)."""
    if FROZEN:
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


#: Top-level folder with icons, fonts and translations.
RESOURCES = _resources()
#: Fonts shipped with the application (in the bundle: the Chinese UI and report font, with its licence).
BUNDLED_FONTS = RESOURCES / "fonts"


class _PeeweeWithoutPsycopg:
    """Import peewee without psycopg, which peewee imports (if installed) when it is imported.

    psycopg and the asyncio it brings cost about 0.1 s of every start, also of a desk on a SQLite
    file. While peewee's module runs, `import psycopg` fails here as if it were not installed;
    afterwards it imports as usual. desk_app.store.postgres.load_driver() gives peewee the driver
    (the same names peewee's own import sets) before a PostgreSQL database is made. When psycopg
    is already imported, peewee simply finds it. Once peewee is imported this finder is gone.
    """

    def __init__(self) -> None:
        self.inside = False

    def find_spec(self, name: str, path: object = None, target: object = None) -> object:
        if self.inside:
            if name == "psycopg":
                raise ModuleNotFoundError("psycopg is imported when a PostgreSQL database is opened", name=name)
            return None
        if name != "peewee":
            return None
        spec = None
        for finder in sys.meta_path:
            if finder is not self and hasattr(finder, "find_spec"):
                spec = finder.find_spec(name, path, target)
                if spec is not None:
                    break
        if spec is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _LoaderWithoutPsycopg(spec.loader, self)
        return spec


class _LoaderWithoutPsycopg:
    """peewee's own loader (not changed: a loader may serve other modules too), psycopg absent while it runs."""

    def __init__(self, loader: object, finder: _PeeweeWithoutPsycopg) -> None:
        self.loader, self.finder = loader, finder

    def __getattr__(self, name: str) -> object:
        return getattr(self.loader, name)

    def create_module(self, spec: object) -> object:
        return self.loader.create_module(spec)

    def exec_module(self, module: object) -> None:
        self.finder.inside = True
        try:
            self.loader.exec_module(module)
        finally:
            self.finder.inside = False
            if self.finder in sys.meta_path:
                sys.meta_path.remove(self.finder)
            module.__loader__ = module.__spec__.loader = self.loader  # nothing of this is left


if "peewee" not in sys.modules:
    sys.meta_path.insert(0, _PeeweeWithoutPsycopg())
