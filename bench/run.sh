#!/usr/bin/env bash
# Every performance figure of kiosk against its baseline, in one run, as a
# table with ratios (medians; min-max is the machine's noise).
#
#   bench/run.sh [N ...]      default sizes: 1000 10000 100000
#
# Whole commands are timed with hyperfine -N against `cat` of the article
# files kiosk loads (`xargs -0 cat <list`), warm, and cold after dropping the
# page cache (needs root, skipped otherwise), on generated folders of two
# profiles and on the real sites of ../shared/realworld. The reader's first frame is timed in
# a pseudo-terminal (bench/first_frame.py). Component figures (1 MiB article,
# keystrokes on the largest corpus) come from `cargo bench -p kiosk-bench`.
#
# Needs hyperfine (apt-get install hyperfine), python3,
# and mdcat for the `kiosk show` comparison (cargo install mdcat; skipped
# when missing). Corpora are generated once into target/bench-corpus/N.
# Last, bench/feeds.sh times `kiosk fetch` against `newsboat -x reload`
# (apt-get install newsboat; skipped when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
cargo build --release --quiet --bin kiosk --example gen_corpus
kiosk=$PWD/target/release/kiosk
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# A private index cache and reading state: nothing of the user's is touched.
export XDG_CACHE_HOME=$out/cache XDG_STATE_HOME=$out/state XDG_CONFIG_HOME=$out/config
# Timed runs per figure: more for small folders, whose runs take a few
# milliseconds each, so that a moment of load on the machine does not decide.
runs_for() { if [ "$1" -le 2000 ]; then echo 40; else echo 10; fi; }
cold=false
[ -w /proc/sys/vm/drop_caches ] && cold=true
drop="sh -c 'sync; echo 3 > /proc/sys/vm/drop_caches'"

# The pseudo-terminal harness's own floor: the first frame of a program that
# only prints a status line, from exec to the line on screen.
python3 bench/first_frame.py /usr/bin/printf '\033[?1049h1/1 ' 40 >"$out/ff-floor.txt"

# The folders: the generator's two profiles at each size (news: 5-20 KB
# articles, 30% plain text, a quarter without `lang`; site: a Hugo docs tree,
# language folders, no `lang`, 1-10 KB pages with code, tables, shortcodes,
# CJK), and the real sites of ../shared/realworld as they are.
corpora=()
for n in "${sizes[@]}"; do
  [ -d "target/bench-corpus/$n" ] || target/release/examples/gen_corpus "target/bench-corpus/$n" "$n" 2>/dev/null
  [ -d "target/bench-corpus/site-$n" ] ||
    target/release/examples/gen_corpus --profile site "target/bench-corpus/site-$n" "$n" 2>/dev/null
  corpora+=("news-$n=target/bench-corpus/$n" "site-$n=target/bench-corpus/site-$n")
done
for site in ../shared/realworld/*/; do
  [ -d "$site" ] && corpora+=("$(basename "$site")=${site%/}")
done
labels=()

for corpus in "${corpora[@]}"; do
  label=${corpus%%=*} dir=${corpus#*=}
  labels+=("$label")
  rm -rf "$XDG_CACHE_HOME"
  # The baseline reads exactly the files kiosk loads as articles.
  "$kiosk" list "$dir" --json --no-cache |
    python3 -c 'import json,sys; [print(json.loads(l)["path"]) for l in sys.stdin if l.strip()]' |
    sed "s|^|$dir/|" | tr '\n' '\0' >"$out/files-$label"
  files=$(tr -cd '\0' <"$out/files-$label" | wc -c)
  runs=$(runs_for "$files")
  cat_cmd="sh -c 'xargs -0 cat <$out/files-$label >/dev/null'"
  xargs -0 cat <"$out/files-$label" >/dev/null # warm
  # The first run against cat, in three rounds of each: hyperfine times one
  # command's runs, then the other's, and rounds spread the machine's drift
  # over both.
  for round in 1 2 3; do
    hyperfine -N --warmup 1 --runs $(((runs + 1) / 2)) --export-json "$out/warm-$label-$round.json" \
      "$cat_cmd" "$kiosk list $dir --json --no-cache" >/dev/null 2>&1
  done
  "$kiosk" list "$dir" --json >/dev/null # writes the index
  hyperfine -N --warmup 1 --runs $runs --export-json "$out/index-$label.json" \
    "$kiosk list $dir --json" >/dev/null 2>&1
  if $cold; then
    hyperfine -N --runs 3 --prepare "$drop" --export-json "$out/cold-$label.json" \
      "$cat_cmd" "$kiosk list $dir --json --no-cache" "$kiosk list $dir --json" >/dev/null 2>&1
    xargs -0 cat <"$out/files-$label" >/dev/null
  fi
  python3 bench/first_frame.py "$kiosk" "$dir" $runs --no-cache >"$out/ff-$label.txt"
  python3 bench/first_frame.py "$kiosk" "$dir" $runs >"$out/ffi-$label.txt"
  { /usr/bin/time -f '%M' "$kiosk" list "$dir" --json --no-cache >/dev/null; } 2>"$out/rss-$label.txt"
  { /usr/bin/time -f '%M' "$kiosk" list "$dir" --json >/dev/null; } 2>"$out/rssi-$label.txt"
  xargs -0 cat <"$out/files-$label" | wc -c >"$out/bytes-$label.txt"
  echo "$files" >"$out/count-$label.txt"
done

# `kiosk show` of a 1 MiB article against mdcat.
long=target/bench-corpus/long
mkdir -p "$long"
target/release/examples/gen_corpus --long "$long/long.md"
touch -d '1 hour ago' "$long/long.md" # not just modified: may be cached
if command -v mdcat >/dev/null; then
  hyperfine -N --warmup 2 --runs 10 --export-json "$out/show.json" \
    "mdcat --columns 80 $long/long.md" "$kiosk show long --dir $long --width 80 --no-cache" \
    "$kiosk show long --dir $long --width 80" >/dev/null 2>&1
fi

# Components, on the largest corpus.
largest=target/bench-corpus/${sizes[-1]}
rm -rf target/criterion
KIOSK_BENCH_DIR=$PWD/$largest cargo bench --quiet -p kiosk-bench --bench kiosk >"$out/criterion.txt" 2>&1 || {
  cat "$out/criterion.txt"
  exit 1
}

python3 bench/table.py "$out" "$cold" "${labels[@]}"

# Feeds: kiosk fetch against newsboat -x reload (skipped without newsboat).
bench/feeds.sh
