"""`python -m desk_app` runs the same entry point as `desk-app`."""

import sys

from desk_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
