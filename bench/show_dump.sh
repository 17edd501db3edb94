#!/usr/bin/env bash
# Dumps `kiosk show` of every bundled article and every article under
# ../shared/realworld/ (or $REALWORLD) at widths 80 and 37 into one folder, one file per
# article and width, so that two builds can be compared byte for byte:
#
#   bench/show_dump.sh OUT            (then: diff -r OUT_BEFORE OUT_AFTER)
#
# Uses $KIOSK, else target/release/kiosk, as built (build it first), a private cache and
# state, and --drafts so that drafts are shown too.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: bench/show_dump.sh OUT}
kiosk=${KIOSK:-$PWD/target/release/kiosk}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config NO_COLOR=1
mkdir -p "$out"
dirs=("$PWD/articles")
realworld=${REALWORLD:-../shared/realworld}
[ -d "$realworld" ] || { echo "no $realworld (set REALWORLD)" >&2; exit 2; }
for site in "$realworld"/*/; do dirs+=("$(cd "$site" && pwd)"); done
for dir in "${dirs[@]}"; do
    name=$(basename "$dir")
    "$kiosk" list "$dir" --drafts --json --no-cache | python3 -c '
import json, sys
for line in sys.stdin:
    print(json.loads(line)["id"])' >"$tmp/ids"
    while IFS= read -r id; do
        for w in 80 37; do
            f="$out/$name/${id//\//__}.$w"
            mkdir -p "$(dirname "$f")"
            "$kiosk" show "$id" --dir "$dir" --width "$w" --no-cache >"$f" 2>&1 || echo "exit $?" >>"$f"
        done
    done <"$tmp/ids"
done
find "$out" -type f | wc -l
