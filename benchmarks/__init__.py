"""Benchmarks (not tests): `python -m benchmarks` runs every `bench_*.py` module's `run(db_path)`.

Each measurement is printed as one JSON line: name, seconds (best of 5, or of 3 for the slow ones),
baseline_seconds (the floor, measured in the same run), baseline_kind (what that floor is: raw sqlite3
computing the same rows or figures, openpyxl reading or writing the same cells, an empty Qt window),
ratio, db_tickets and, where measured, rss_mb of the process. No baseline is a constant.
"""
