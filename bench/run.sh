#!/usr/bin/env bash
# The bench: one command, every figure beside its baseline measured in the same run.
#
#   bench/run.sh            # full counts (1,000 live clients; 5,000/10,000/20,000 idle connections)
#   bench/run.sh --quick    # small counts (100 clients, 2,000 idle connections): a few minutes on 2 cores
#   bench/run.sh --only fragments,live   # some sections: startup,fragments,live,throughput,idle
#
# It builds in Release, starts its own PostgreSQL (Debian's package, default durability: fsync on,
# synchronous_commit on; pg_stat_statements loaded to count statements) on a free port under /tmp,
# then runs the load generator (bench/HelloWork.Bench), which starts the servers under test as
# processes of their own (bench/HelloWork.BenchHost: the app with bench-only endpoints, the raw
# WebSocket echo server, the minimal app; src/HelloWork.Web for start-up) on 127.0.0.1-4 and prints
# the table. The table is also written to .bench-artifacts/bench-<time>.md. Loopback only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 1; }

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL is not installed (apt-get install postgresql, or run tests/run.sh once)"

# 20,000 idle connections need 20,000+ descriptors in the generator and in the server.
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

echo "==> dotnet build (Release)"
dotnet build bench/HelloWork.BenchHost -c Release -v q -nologo -clp:ErrorsOnly >/dev/null || die "build failed"
dotnet build bench/HelloWork.Bench -c Release -v q -nologo -clp:ErrorsOnly >/dev/null || die "build failed"
HOST_DLL="$ROOT/bench/HelloWork.BenchHost/bin/Release/net10.0/HelloWork.BenchHost.dll"
WEB_DLL="$ROOT/src/HelloWork.Web/bin/Release/net10.0/HelloWork.Web.dll"
BENCH_DLL="$ROOT/bench/HelloWork.Bench/bin/Release/net10.0/HelloWork.Bench.dll"

PG_DIR="$(mktemp -d /tmp/hellowork-bench-pg-XXXXXX)"
PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ "$(id -u)" == 0 ]] && chown postgres:postgres "$PG_DIR"
stop_pg() {
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap stop_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> PostgreSQL on 127.0.0.1:$PG_PORT (default durability)"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_utility=on" >/dev/null
as_pg "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -qc "CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
as_pg "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d bench -qc "CREATE EXTENSION pg_stat_statements"

mkdir -p "$ROOT/.bench-artifacts"
OUT="$ROOT/.bench-artifacts/bench-$(date +%Y%m%d-%H%M%S).md"
echo "==> load generator (table also in ${OUT#"$ROOT"/})"
dotnet "$BENCH_DLL" --db "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench" \
    --host "$HOST_DLL" --web "$WEB_DLL" --out "$OUT" "$@"
