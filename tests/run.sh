#!/usr/bin/env bash
# The one command that runs the whole test suite on a fresh Debian 12 machine with the .NET 10 SDK:
#
#   tests/run.sh                       # everything
#   tests/run.sh --filter Rule=MSG-2   # extra arguments go to `dotnet test`
#
# It installs the Debian packages the tests need (only those missing), builds the solution in
# Release, runs every test project (a failing project does not stop the others), writes one TRX
# per project to .test-artifacts/results, and ends with the line
#   tests: N passed, N failed, N skipped
# It exits non-zero when the build or `dotnet test` failed, a test failed, or no test ran.
# The test fixtures start (and stop) their own PostgreSQL (initdb/pg_ctl), SMTP sink
# (python3 -m aiosmtpd) and Redis (redis-server, own port, no persistence, a folder under the
# artifacts dir); this script only makes sure the packages are there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ARTIFACTS="$ROOT/.test-artifacts"
RESULTS="$ARTIFACTS/results"
DEBIAN_PACKAGES=(chromium fonts-ipafont-gothic postgresql python3-aiosmtpd redis-server)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export HELLOWORK_TEST_ARTIFACTS="$ARTIFACTS"

step() { printf '==> %s\n' "$*"; }
die() { printf 'tests/run.sh: %s\n' "$*" >&2; exit 1; }

# --- clean-up on exit ------------------------------------------------------------------------------
# Processes a crashed fixture may leave: aiosmtpd, redis-server or chromium whose command line
# mentions the artifacts dir, or a throw-away postgres (its data dir is /tmp/hellowork-pg-*). Never
# this script or its parents.
stray_pids() {
    local dir pid comm cmd
    for dir in /proc/[0-9]*; do
        pid="${dir#/proc/}"
        [[ "$pid" == "$$" || "$pid" == "$PPID" ]] && continue
        comm="$(cat "$dir/comm" 2>/dev/null)" || continue
        case "$comm" in
            chrom*|headless_shell|postgres|postmaster|pg_ctl|python*|redis-server) ;;
            *) continue ;;
        esac
        cmd="$(tr '\0' ' ' 2>/dev/null <"$dir/cmdline")" || continue
        if [[ "$cmd" =~ /hellowork-pg-([0-9]+)- || "$cmd" =~ /redis-([0-9]+)-[0-9a-f]+ ]]; then
            # A throw-away postgres or redis is stray only once the test process that started it is
            # gone (another run's server, still in use, is left alone).
            [[ -d "/proc/${BASH_REMATCH[1]}" ]] && continue
            [[ "$comm" == redis-server && "$cmd" != *"$ARTIFACTS"* ]] && continue
        else
            [[ "$cmd" == *"$ARTIFACTS"* ]] || continue
        fi
        [[ "$comm" == python* && "$cmd" != *aiosmtpd* ]] && continue
        printf '%s\n' "$pid"
    done
}

SUDO=()        # set below when not root
policy_added=0 # 1 while a policy-rc.d of ours blocks service starts
cleanup() {
    local pids tries=0 profile in_use="" dir
    if (( policy_added )); then "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d || true; policy_added=0; fi
    pids="$(stray_pids || true)"
    if [[ -n "$pids" ]]; then
        echo "==> stopping leftover test processes: ${pids//$'\n'/ }" >&2
        # shellcheck disable=SC2086
        kill -TERM $pids 2>/dev/null || true
        while (( tries < 10 )) && [[ -n "$(stray_pids || true)" ]]; do sleep 0.5; tries=$((tries + 1)); done
        pids="$(stray_pids || true)"
        # shellcheck disable=SC2086
        if [[ -n "$pids" ]]; then kill -KILL $pids 2>/dev/null || true; fi
    fi
    # Profiles Playwright's Chromium leaves in /tmp when it crashes; keep those a live process uses.
    for dir in /proc/[0-9]*; do
        [[ "${dir#/proc/}" == "$$" ]] && continue
        in_use+="$(tr '\0' ' ' 2>/dev/null <"$dir/cmdline" || true) "
    done
    for profile in /tmp/playwright_chromiumdev_profile-*; do
        [[ -e "$profile" ]] || continue
        [[ "$in_use" == *"$profile"* ]] && continue
        rm -rf -- "$profile" 2>/dev/null || true
    done
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$ARTIFACTS"

# --- Debian packages -------------------------------------------------------------------------------
if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); fi
fi

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done

if (( ${#missing[@]} == 0 )); then
    step "Debian packages present: ${DEBIAN_PACKAGES[*]}"
else
    if [[ "$(id -u)" != 0 && ${#SUDO[@]} == 0 ]]; then
        die "missing Debian packages (${missing[*]}) and neither root nor sudo: install them first"
    fi
    step "installing Debian packages: ${missing[*]}"
    # Package scripts must not start services (the postgresql package would start its own
    # cluster): the fixtures use their own initdb. Block starts unless a policy already does.
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\n# tests/run.sh: no service starts during package installs\nexit 101\n' \
            | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
        "${SUDO[@]}" chmod 755 /usr/sbin/policy-rc.d
        policy_added=1
    fi
    apt_log="$ARTIFACTS/apt.log"
    apt_ok=1
    {
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
    } >"$apt_log" 2>&1 || apt_ok=0
    if (( policy_added )); then "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d; policy_added=0; fi
    if (( ! apt_ok )); then
        tail -n 30 "$apt_log" >&2
        die "apt-get failed to install: ${missing[*]} (full log: ${apt_log#"$ROOT"/})"
    fi
fi
# The package's own cluster (15/main on port 5432) and redis-server's own service are not used and
# may stay down; start nothing.
# As root the fixtures run initdb/pg_ctl as the postgres user on a data dir under /tmp/hellowork-pg-*.

# --- build -----------------------------------------------------------------------------------------
step "dotnet build HelloWork.sln -c Release"
dotnet build HelloWork.sln -c Release -v q -nologo -clp:ErrorsOnly \
    || die "build failed (see the errors above)"

# --- test ------------------------------------------------------------------------------------------
# Every test project of the solution (those referencing Microsoft.NET.Test.Sdk), one after another,
# each with its own TRX file; a failing project does not stop the next one. Browser tests go last.
# shellcheck disable=SC1003
sln_projects="$(dotnet sln HelloWork.sln list | tr '\\' '/' | grep -E '\.csproj$' || true)"
test_projects=()
for proj in $(grep -v Browser <<<"$sln_projects"; grep Browser <<<"$sln_projects"); do
    grep -qs 'Microsoft.NET.Test.Sdk' "$proj" && test_projects+=("$proj")
done
(( ${#test_projects[@]} > 0 )) || die "no test project found in HelloWork.sln"

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
test_rc=0
failed_projects=()
for proj in "${test_projects[@]}"; do
    name="$(basename "$proj" .csproj)"
    step "dotnet test $proj -c Release --no-build${*:+ $*}"
    rc=0
    dotnet test "$proj" -c Release --no-build \
        --results-directory "$RESULTS" \
        --logger "trx;LogFileName=$name.trx" \
        --logger "console;verbosity=normal" \
        "$@" || rc=$?
    if (( rc != 0 )); then test_rc=$rc; failed_projects+=("$name (exit $rc)"); fi
done
cleanup

# --- summary from the TRX files ----------------------------------------------------------------------
# <Counters total=".." executed=".." passed=".." failed=".." error=".." timeout=".." aborted=".."
#           notExecuted=".." ...>, one element per TRX; attribute order does not matter.
shopt -s nullglob
trx_files=("$RESULTS"/*.trx)
shopt -u nullglob
total=0 executed=0 passed=0 failed=0 skipped=0
if (( ${#trx_files[@]} > 0 )); then
    read -r total executed passed failed skipped < <(
        cat "${trx_files[@]}" | tr '\n' ' ' | grep -o '<Counters [^>]*>' | awk '
            function attr(name,   m) {
                if (match($0, " " name "=\"[0-9]+\"")) {
                    m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0
                }
                return 0
            }
            {
                t += attr("total"); e += attr("executed")
                p += attr("passed") + attr("passedButRunAborted")
                f += attr("failed") + attr("error") + attr("timeout") + attr("aborted")
                # skipped (xunit) tests count in total but not in executed (notExecuted stays 0)
                n = attr("total") - attr("executed"); if (attr("notExecuted") > n) n = attr("notExecuted")
                s += n
            }
            END { printf "%d %d %d %d %d\n", t, e, p, f, s }'
    )
fi

status=0
echo
echo "TRX files: ${#trx_files[@]} in ${RESULTS#"$ROOT"/} (total $total, executed $executed)"
if (( test_rc != 0 )); then
    echo "FAILED: dotnet test failed for: ${failed_projects[*]}"
    status=1
fi
if (( failed > 0 )); then
    echo "FAILED: $failed test(s) failed"
    status=1
fi
if (( executed == 0 )); then
    echo "FAILED: no test was executed"
    status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
