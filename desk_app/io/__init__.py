"""Excel import and export (openpyxl). No Qt: functions take paths plus optional
`progress(done, total)` and `is_cancelled()` callbacks, so they run in worker threads and tests."""

from desk_app.io.excel_util import Cancelled

__all__ = ["Cancelled"]
