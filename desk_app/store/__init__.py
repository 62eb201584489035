"""Where the data lives: opening SQLite or PostgreSQL, migrations, backup and restore, transfer, paths."""
