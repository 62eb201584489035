"""Benchmarks (not tests): `python -m benchmarks` runs every `bench_*.py` module's `run(db_path)`.

Each measurement is printed as one JSON line: name, seconds (best of 5), baseline_seconds (the raw
sqlite3 query returning the same rows: the floor) and rss_mb of the process.
"""
