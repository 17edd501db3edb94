#!/usr/bin/env bash
# Times whole kiosk commands against the `cat` of the same corpus, in one run,
# and prints a table of figures with ratios (medians; min-max is the noise).
#
#   bench/run.sh [N ...]      default sizes: 1000 10000 100000
#
# Needs hyperfine and vmtouch (apt-get install hyperfine vmtouch) and python3.
# Corpora are generated once into target/bench-corpus/N by examples/gen_corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
cargo build --release --quiet --bin kiosk --example gen_corpus
kiosk=target/release/kiosk
out=$(mktemp -d)
printf '%-8s %-34s %12s %12s %8s\n' "articles" "figure" "kiosk" "baseline" "ratio"
for n in "${sizes[@]}"; do
  dir=target/bench-corpus/$n
  [ -d "$dir" ] || target/release/examples/gen_corpus "$dir" "$n" 2>/dev/null
  vmtouch -tq "$dir"
  cat_cmd="sh -c 'find $dir -type f -print0 | xargs -0 cat >/dev/null'"
  hyperfine -N --warmup 1 --runs 5 --export-json "$out/load-$n.json" \
    "$cat_cmd" "$kiosk list $dir --json" >/dev/null 2>&1
  first=$(python3 bench/first_frame.py "$kiosk" "$dir" 5 | sed -E 's/.*median ([0-9.]+) s \(min ([0-9.]+), max ([0-9.]+).*/\1 \2 \3/')
  rss=$( { /usr/bin/time -f '%M' "$kiosk" list "$dir" --json >/dev/null; } 2>&1 | tail -n 1)
  bytes=$(du -sb "$dir" | cut -f1)
  python3 - "$out/load-$n.json" "$n" "$first" "$rss" "$bytes" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
n, first, rss, size = sys.argv[2], sys.argv[3].split(), int(sys.argv[4]), int(sys.argv[5])
cat, load = runs[0], runs[1]
def fmt(r): return f"{r['median']:.3f}s ({min(r['times']):.2f}-{max(r['times']):.2f})"
row = lambda what, a, b, ratio: print(f"{n:<8} {what:<34} {a:>12} {b:>12} {ratio:>8}")
row("load: list --json (warm)", f"{load['median']:.3f}s", f"{cat['median']:.3f}s", f"{load['median']/cat['median']:.2f}x")
print(f"{'':<8} {'  noise min-max':<34} {min(load['times']):.3f}-{max(load['times']):.3f}  {min(cat['times']):.3f}-{max(cat['times']):.3f}")
f = float(first[0])
row("first frame (pty)", f"{f:.3f}s", f"{cat['median']:.3f}s", f"{f/cat['median']:.2f}x")
limit = 1.25 * size + 16 * 2**20
row("peak memory vs 1.25x bytes+16 MiB", f"{rss/1024:.0f}MiB", f"{limit/2**20:.0f}MiB", f"{rss*1024/limit:.2f}x")
PY
done
rm -rf "$out"
echo "component figures (1 MiB layout, filters, scrolling): cargo bench --bench kiosk"
