"""Sub-commands of `desk-app`. Each module has NAME, HELP, `register(parser)` and `run(args, db) -> int`.

`run` receives the opened database and returns the exit status; it raises DeskError for user
errors (exit 1). A module with `OPENS_DATABASE = False` gets `db=None` and opens what it
needs itself. Add a module here and to COMMANDS to add a sub-command.
"""

from desk_app.commands import (
    backup_cmd,
    callbacks_cmd,
    demo_cmd,
    export_certificate_cmd,
    export_tickets_cmd,
    import_tickets_cmd,
    init_cmd,
    kpi_cmd,
    mail_cmd,
    migrate_db_cmd,
    report_cmd,
    restore_cmd,
    run_due_cmd,
    settings_cmd,
    survey_cmd,
    team_cmd,
    user_cmd,
    verify_cmd,
)

COMMANDS = [init_cmd, user_cmd, team_cmd, settings_cmd, demo_cmd, backup_cmd, restore_cmd, import_tickets_cmd,
            export_tickets_cmd, callbacks_cmd, kpi_cmd, report_cmd, verify_cmd,
            export_certificate_cmd, survey_cmd, mail_cmd, run_due_cmd, migrate_db_cmd]
