"""The bundle's entry point (packaging/desk-app.spec): the same `main` as `desk-app` and `python -m desk_app`."""

import os
import sys

from desk_app.cli import main

if __name__ == "__main__":
    if sys.platform.startswith("linux") and getattr(sys, "frozen", False):
        # The bootloader put the bundle's folder first on LD_LIBRARY_PATH; programs the app runs (fc-list,
        # pdftotext, pg_dump) must load the system's libraries, not the bundle's. This process keeps
        # loading its own: the dynamic linker read the variable when the process started.
        original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is None:
            os.environ.pop("LD_LIBRARY_PATH", None)
        else:
            os.environ["LD_LIBRARY_PATH"] = original
    sys.exit(main())
