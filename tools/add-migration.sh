#!/usr/bin/env bash
# Adds one EF Core migration for each database, generated from the model by `dotnet ef`:
#
#   tools/add-migration.sh AddListUnsubscribe   # Data/Migrations/{Sqlite,Postgres}/<stamp>_AddListUnsubscribe.cs
#   tools/add-migration.sh --remove             # takes the newest migration out of both sets again
#
# Change the model first (an entity and its IEntityTypeConfiguration), then run this from
# anywhere in the repo. It restores the pinned dotnet-ef (.config/dotnet-tools.json), builds the
# web project once, and runs `dotnet ef migrations add` for SqliteAppDb and PostgresAppDb; if the
# second fails the first is taken out again, so the two sets always move together. Neither step
# touches a database (the design-time factories in Data/ProviderContexts.cs never connect).
# Read both generated files before committing: anything the model cannot say (data to carry
# over, SQL only one database understands) goes into Up()/Down() by hand.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$ROOT/src/HelloWork.Web"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { printf 'add-migration: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# provider context output-dir
SETS=("Sqlite SqliteAppDb Data/Migrations/Sqlite" "Postgres PostgresAppDb Data/Migrations/Postgres")

[[ $# -eq 1 ]] || usage
MODE=add
case "$1" in
    -h|--help) usage ;;
    --remove) MODE=remove ;;
    -*) usage ;;
    *)
        NAME="$1"
        [[ "$NAME" =~ ^[A-Z][A-Za-z0-9]*$ ]] || die "name a migration in PascalCase, e.g. AddListUnsubscribe (got '$NAME')"
        for set in "${SETS[@]}"; do
            read -r _ _ dir <<<"$set"
            if compgen -G "$PROJECT/$dir/*_$NAME.cs" >/dev/null; then
                die "$dir already has a migration named $NAME"
            fi
        done
        ;;
esac

dotnet tool restore >/dev/null || die "dotnet tool restore failed (is NuGet reachable?)"
printf '==> building %s\n' "${PROJECT#"$ROOT"/}"
dotnet build "$PROJECT" -v q -nologo -clp:ErrorsOnly || die "the web project does not build; fix that first"

ef() { dotnet ef "$@" --project "$PROJECT" --startup-project "$PROJECT" --no-build; }

if [[ "$MODE" == remove ]]; then
    for set in "${SETS[@]}"; do
        read -r provider context _ <<<"$set"
        printf '==> %s: removing the newest migration\n' "$provider"
        ef migrations remove --context "$context" || die "$provider: could not remove the newest migration"
    done
    exit 0
fi

added=()
for set in "${SETS[@]}"; do
    read -r provider context dir <<<"$set"
    printf '==> %s: adding %s\n' "$provider" "$NAME"
    if ! ef migrations add "$NAME" --context "$context" --output-dir "$dir"; then
        for done_context in "${added[@]}"; do
            ef migrations remove --context "$done_context" >/dev/null || true
        done
        die "$provider: dotnet ef migrations add failed; nothing was added"
    fi
    added+=("$context")
done

printf '\nAdded %s to both sets:\n' "$NAME"
for set in "${SETS[@]}"; do
    read -r _ _ dir <<<"$set"
    (cd "$PROJECT" && ls -1 "$dir"/*_"$NAME".cs | sed 's/^/  src\/HelloWork.Web\//')
done
printf 'Read both before committing; tests/run.sh --filter "FullyQualifiedName~Schema" checks them on both databases.\n'
