#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: `tools/with_postgres.sh CMD ARGS…`.
#
# Starts a fresh cluster (initdb into a temp dir, trust auth, listening on 127.0.0.1 only, on a
# free port), exports DESK_APP_TEST_DB=postgresql://postgres@127.0.0.1:PORT/postgres, runs the
# command, and stops the server and removes the cluster afterwards, also on failure or Ctrl-C.
# The exit status is the command's.
#
# As root, PostgreSQL is installed with apt-get when missing, and the server runs as the
# `postgres` user (initdb refuses root). As a normal user without PostgreSQL the run is skipped
# with a note (exit 0): the SQLite run of the tests has already happened.
set -uo pipefail

find_bin() {
    local dir
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

BIN="$(find_bin)"
if [ -z "$BIN" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "with_postgres: installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql </dev/null; } >/dev/null \
        || echo "with_postgres: apt-get install postgresql failed"
    BIN="$(find_bin)"
fi
if [ -z "$BIN" ]; then
    echo "with_postgres: SKIPPED the PostgreSQL test run: no initdb/pg_ctl found (install PostgreSQL, or run as root)"
    exit 0
fi

RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "with_postgres: SKIPPED the PostgreSQL test run: running as root but there is no 'postgres' user"
        exit 0
    fi
    if command -v runuser >/dev/null 2>&1; then
        RUN_AS=(runuser -u postgres --)
    else
        RUN_AS=(su postgres -s /bin/sh -c)
    fi
fi

as_server_user() {
    if [ ${#RUN_AS[@]} -eq 0 ]; then
        "$@"
    elif [ "${RUN_AS[0]}" = "su" ]; then
        "${RUN_AS[@]}" "$(printf '%q ' "$@")"
    else
        "${RUN_AS[@]}" "$@"
    fi
}

DIR="$(mktemp -d /tmp/desk-app-pg.XXXXXX)"
chmod 700 "$DIR"
[ ${#RUN_AS[@]} -gt 0 ] && chown postgres: "$DIR"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

cleanup() {
    as_server_user "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! as_server_user "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 &&
   ! as_server_user "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1; then
    cat "$DIR/initdb.log"
    echo "with_postgres: initdb failed"
    exit 1
fi
# A throwaway server: durability off (fsync, full page writes) makes CREATE DATABASE per test fast.
if ! as_server_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off -c max_connections=200" >/dev/null; then
    cat "$DIR/server.log" 2>/dev/null
    echo "with_postgres: the server did not start"
    exit 1
fi

export DESK_APP_TEST_DB="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "with_postgres: PostgreSQL $("$BIN/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$PORT"
"$@"
