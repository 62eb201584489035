#!/usr/bin/env bash
# `make bundle-test` after `make bundle`: the desktop bundle alone, as a workstation runs it (R56).
#
#   tools/bundle_test.sh [dist/desk-app]
#
# The bundle is copied to a temporary install folder made read-only, and every run has a clean
# environment: `env -i` with PATH=/usr/bin:/bin (no .venv), no PYTHONPATH, no locale, HOME in a temp
# folder. Checked: --version; --self-test (offscreen, and on X11 through xvfb-run when it is there);
# demo → report → submit/review/approve → verify on the default database, which must be in the
# per-user data folder (~/.local/share/desk-app); nothing written into the install folder; no test
# suite or .po sources in the bundle; the bundled font has its licence. Ends with
# "bundle-test: N passed, M failed"; the exit status is 1 when anything failed.
set -uo pipefail

BUNDLE="${1:-dist/desk-app}"
GOAL_MB=250
[ -x "$BUNDLE/desk-app" ] || { echo "bundle-test: no bundle at $BUNDLE (run make bundle)"; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/desk-app-bundle-test.XXXXXX")"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
INSTALL="$WORK/install/desk-app"
mkdir -p "$WORK/install" "$WORK/home" "$WORK/tmp" "$WORK/out"
cp -a "$BUNDLE" "$INSTALL"
chmod -R a-w "$INSTALL"
touch "$WORK/started"
sleep 1  # so a file written during the runs is strictly newer than the stamp

passed=0
failed=0
check() {  # check NAME COMMAND…: run it, print its output indented, count it
    local name="$1"; shift
    local log="$WORK/out/$name.log"
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1)); echo "ok     $name"
    else
        failed=$((failed + 1)); echo "FAILED $name"
    fi
    sed 's/^/    /' "$log"
}
desk() {  # the bundle, in a clean environment
    env -i PATH=/usr/bin:/bin HOME="$WORK/home" TMPDIR="$WORK/tmp" "$INSTALL/desk-app" "$@"
}
expect_in() {  # expect_in TEXT FILE
    grep -qF -- "$1" "$2" || { echo "expected \"$1\" in the output"; return 1; }
}

version="$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)"
check version bash -c "out=\$(\"\$@\") && echo \"\$out\" && [ \"\$out\" = 'desk-app $version' ]" _ \
    env -i PATH=/usr/bin:/bin HOME="$WORK/home" "$INSTALL/desk-app" --version

check self-test desk --self-test
if command -v xvfb-run >/dev/null 2>&1; then
    check self-test-xcb env -i PATH=/usr/bin:/bin HOME="$WORK/home" TMPDIR="$WORK/tmp" QT_QPA_PLATFORM=xcb \
        xvfb-run -a "$INSTALL/desk-app" --self-test
else
    echo "note: xvfb-run not found, the xcb platform plugin is not tried (make deps installs xvfb)"
fi

# demo → report → verify on the default database: it must land in the per-user data folder.
period="$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)"
check demo desk demo --tickets 200
check data-folder test -s "$WORK/home/.local/share/desk-app/desk.sqlite"
check report desk report monthly-service --period "$period" -o "$WORK/out/draft.pdf"
number="FW-$period"
sign() {
    desk report submit "$number" &&
        echo demo1234 | desk report review "$number" --user quality1 --password-stdin --comment checked &&
        echo demo1234 | desk report approve "$number" --user manager1 --password-stdin -o "$WORK/out/approved.pdf"
}
check sign sign
verify_approved() {
    desk verify "$WORK/out/approved.pdf" | tee "$WORK/out/verify.txt" && expect_in "valid genuine $number" "$WORK/out/verify.txt"
}
check verify verify_approved
check verify-draft-refused bash -c '! "$@"' _ env -i PATH=/usr/bin:/bin HOME="$WORK/home" TMPDIR="$WORK/tmp" \
    "$INSTALL/desk-app" verify "$WORK/out/draft.pdf"
# The due jobs from the bundle (no mail server set: the messages wait in the outbox, and it says so).
run_due() {
    desk run-due --at "$(date +%Y-%m-%d)T08:00" --json | tee "$WORK/out/run-due.json" &&
        expect_in '"job": "callbacks.morning"' "$WORK/out/run-due.json" && desk mail outbox
}
check run-due run_due

# The install folder stays as installed; what the bundle carries.
check read-only-install bash -c "written=\$(find '$INSTALL' -newer '$WORK/started'); [ -z \"\$written\" ] || \
    { echo \"written into the install folder:\"; echo \"\$written\"; exit 1; }"
check contents bash -c "cd '$INSTALL/_internal' && \
    bad=\$(find . \\( -path ./tests -o -name '_pytest' -o -name 'pytest' -o -name 'hypothesis' -o -name '*.po' \\) -print) && \
    [ -z \"\$bad\" ] || { echo \"not for the bundle: \$bad\"; exit 1; }; \
    ls resources/translations/*/LC_MESSAGES/*.mo resources/comments/user_dict.txt resources/icons/desk-app.svg && \
    for font in resources/fonts/*.tt[cf]; do ls \"\$font\" resources/fonts/licences/\$(basename \"\${font%.*}\")/*; done"

size_mb=$(du -sm "$BUNDLE" | cut -f1)
echo "bundle size: ${size_mb} MB ($(du -sh "$BUNDLE" | cut -f1); goal: at most ${GOAL_MB} MB)"
[ "$size_mb" -le "$GOAL_MB" ] || echo "note: the bundle is over the ${GOAL_MB} MB goal"
echo "bundle-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
