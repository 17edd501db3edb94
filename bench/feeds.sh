#!/usr/bin/env bash
# kiosk fetch against `newsboat -x reload` on the same `urls` file: FEEDS
# feeds of ITEMS items each (default 200 x 20), served from memory on
# 127.0.0.1 by examples/feed_server.rs. Every run starts empty (no
# articles, no ingest state; newsboat: no cache), so both fetch, parse and
# store every item. Prints the medians (hyperfine -N) and the ratio, and
# kiosk's peak memory.
#
#   bench/feeds.sh [FEEDS] [ITEMS] [RUNS]
#
# Needs newsboat (apt-get install newsboat; skipped when missing) and
# hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v newsboat >/dev/null; then
  echo "feeds: newsboat not installed (apt-get install newsboat); skipped"
  exit 0
fi
feeds=${1:-200} items=${2:-20} runs=${3:-5}
cargo build --release --quiet --bin kiosk --example feed_server
out=$(mktemp -d)
target/release/examples/feed_server "$feeds" "$items" >"$out/addr" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 50); do [ -s "$out/addr" ] && break; sleep 0.1; done
base=$(head -1 "$out/addr")
for n in $(seq 0 $((feeds - 1))); do echo "$base/feed/$n.xml"; done >"$out/urls"
: >"$out/newsboat.conf"
export XDG_STATE_HOME=$out/state XDG_CONFIG_HOME=$out/config HOME=$out/home
mkdir -p "$HOME"
kiosk="$PWD/target/release/kiosk fetch $out/articles --feeds $out/urls"
nb="newsboat -x reload -u $out/urls -c $out/cache.db -C $out/newsboat.conf"
hyperfine -N --runs "$runs" --export-json "$out/feeds.json" \
  --prepare "rm -rf $out/articles $out/state $out/cache.db $out/cache.db.lock" \
  "$nb" "$kiosk" >/dev/null 2>&1
# Check that both did the whole job, then peak memory of one kiosk run.
rm -rf "$out/articles" "$out/state"
written=$($kiosk | tail -1)
rss=$( { /usr/bin/time -f '%M' $kiosk >/dev/null; } 2>&1 | tail -1)
rm -rf "$out/cache.db"
$nb >/dev/null 2>&1
nb_items=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from rss_item').fetchone()[0])" "$out/cache.db" 2>/dev/null || echo '?')
python3 - "$out/feeds.json" "$feeds" "$items" "$written" "$rss" "$nb_items" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))["results"]
nb, kiosk = (r["median"] for r in data)
span = lambda r: f'{min(r["times"]) * 1000:.0f}-{max(r["times"]) * 1000:.0f} ms'
print(f"feeds: {sys.argv[2]} x {sys.argv[3]} items from 127.0.0.1")
print(f"  newsboat -x reload   {nb * 1000:8.0f} ms  ({span(data[0])}; {sys.argv[6]} items stored)")
print(f"  kiosk fetch          {kiosk * 1000:8.0f} ms  ({span(data[1])}; {sys.argv[4]})")
print(f"  ratio kiosk/newsboat {kiosk / nb:8.2f}x  (target 0.5x)")
print(f"  kiosk peak memory    {int(sys.argv[5]) / 1024:8.1f} MiB")
PY
