"""Sub-commands of `desk-app`. Each module has NAME, HELP, `register(parser)` and `run(args, db) -> int`.

`run` receives the opened database and returns the exit status; it raises DeskError for user
errors (exit 1). Add a module here and to COMMANDS to add a sub-command.
"""

from desk_app.commands import backup_cmd, demo_cmd, restore_cmd

COMMANDS = [demo_cmd, backup_cmd, restore_cmd]
