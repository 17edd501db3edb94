#!/usr/bin/env python3
"""Prints bench/run.sh's table: every figure with its baseline or target and the ratio.

usage: table.py OUT COLD LABEL... (OUT is bench/run.sh's folder of results; a
LABEL names a corpus: news-N, site-N or a real site)
"""
import glob, json, os, re, statistics, sys

out, cold, labels = sys.argv[1], sys.argv[2] == "true", sys.argv[3:]
rows = []


def row(n, what, value, base, ratio, target, noise=""):
    rows.append((str(n), what, value, base, ratio, target, noise))


def hyper(path):
    return json.load(open(path))["results"]


def secs(x):
    if x >= 0.1:
        return f"{x:.3f}s"
    return f"{x * 1000:.1f}ms" if x >= 0.001 else f"{x * 1e6:.1f}µs"


def spread(r):
    return f"{secs(min(r['times']))}-{secs(max(r['times']))}"


def first_frame(path):
    m = re.search(r"median ([0-9.]+) s \(min ([0-9.]+), max ([0-9.]+)", open(path).read())
    return [float(x) for x in m.groups()] if m else None


def rounds(pattern):
    """The results of several runs of hyperfine on the same commands, merged."""
    merged = None
    for path in sorted(glob.glob(pattern)):
        results = hyper(path)
        if merged is None:
            merged = [dict(r, times=list(r["times"])) for r in results]
        else:
            for m, r in zip(merged, results):
                m["times"] += r["times"]
    for m in merged:
        m["median"] = statistics.median(m["times"])
    return merged


for label in labels:
    count = int(open(f"{out}/count-{label}.txt").read())
    n = f"{label} ({count})"
    cat, nocache = rounds(f"{out}/warm-{label}-*.json")
    (index,) = hyper(f"{out}/index-{label}.json")
    c = cat["median"]
    row(n, "cat of the folder (baseline, warm)", secs(c), "", "", "", spread(cat))
    row(n, "list --json, no index (warm)", secs(nocache["median"]), secs(c), f"{nocache['median'] / c:.2f}x", "1.2x", spread(nocache))
    row(n, "list --json from the index (warm)", secs(index["median"]), secs(c), f"{index['median'] / c:.2f}x", "0.3x", spread(index))
    if cold:
        ccat, cno, cidx = hyper(f"{out}/cold-{label}.json")
        cc = ccat["median"]
        row(n, "cat of the folder (cold)", secs(cc), "", "", "", spread(ccat))
        row(n, "list --json, no index (cold)", secs(cno["median"]), secs(cc), f"{cno['median'] / cc:.2f}x", "1.1x", spread(cno))
        row(n, "list --json from the index (cold)", secs(cidx["median"]), secs(cc), f"{cidx['median'] / cc:.2f}x", "1.1x", spread(cidx))
    for name, what, target in (
        ("ff-floor", "first frame of printf (the harness's floor)", ""),
        (f"ff-{label}", "first frame, no index (pty)", "0.6x"),
        (f"ffi-{label}", "first frame from the index (pty; or 25ms)", "0.1x"),
    ):
        f = first_frame(f"{out}/{name}.txt")
        if f:
            # The first frame from the index: 0.1x of cat, or 25 ms when that is larger.
            base = max(c, 0.025 / 0.1) if name.startswith("ffi-") else c
            row(n, what, secs(f[0]), secs(base), f"{f[0] / base:.2f}x", target, f"{secs(f[1])}-{secs(f[2])}")
    size = int(open(f"{out}/bytes-{label}.txt").read())
    budget = 1.25 * size + 16 * 2**20
    for name, what in (("rss", "peak memory, no index"), ("rssi", "peak memory from the index")):
        kib = int(open(f"{out}/{name}-{label}.txt").read().split()[-1])
        row(n, what, f"{kib / 1024:.0f}MiB", f"{budget / 2**20:.0f}MiB", f"{kib * 1024 / budget:.2f}x", "1.0x")

if os.path.exists(f"{out}/show.json"):
    mdcat, show, indexed = hyper(f"{out}/show.json")
    m = mdcat["median"]
    row("1 MiB", "mdcat --columns 80 (baseline)", secs(m), "", "", "", spread(mdcat))
    row("1 MiB", "kiosk show --width 80, no index", secs(show["median"]), secs(m), f"{show['median'] / m:.2f}x", "1.0x", spread(show))
    row("1 MiB", "kiosk show --width 80, index", secs(indexed["median"]), secs(m), f"{indexed['median'] / m:.2f}x", "1.0x", spread(indexed))

# Criterion: median per iteration, and the min-max of the samples.
crit = {}
for path in glob.glob("target/criterion/*/*/new/estimates.json"):
    folder = os.path.dirname(path)
    meta = json.load(open(os.path.join(folder, "benchmark.json")))
    sample = json.load(open(os.path.join(folder, "sample.json")))
    per = [t / i for t, i in zip(sample["times"], sample["iters"])]
    median = json.load(open(path))["median"]["point_estimate"]
    crit[(meta["group_id"], meta["function_id"])] = (median / 1e9, min(per) / 1e9, max(per) / 1e9)


def comp(group, function):
    return crit.get((group, function))


def noise(v):
    return f"{secs(v[1])}-{secs(v[2])}"


parse = comp("1 MiB article", "pulldown-cmark parse only")
full = comp("1 MiB article", "kiosk parse + full layout at 80")
if parse and full:
    row("1 MiB", "pulldown-cmark parse (baseline)", secs(parse[0]), "", "", "", noise(parse))
    row("1 MiB", "parse + full layout at 80", secs(full[0]), secs(parse[0]), f"{full[0] / parse[0]:.2f}x", "4.0x", noise(full))
for function, target in (
    ("open and paint the first screen (120x35)", 0.010),
    ("scroll one line and repaint (120x35)", 0.0005),
    ("resize to a cached width and repaint", None),
):
    v = comp("1 MiB article", function)
    if v:
        row("1 MiB", function, secs(v[0]), secs(target) if target else "", f"{v[0] / target:.2f}x" if target else "", "1.0x" if target else "", noise(v))
groups = sorted({g for g, _ in crit if g.endswith(" articles")})
for group in groups:
    n = group.split()[0]
    for (g, function), v in sorted(crit.items()):
        if g != group:
            continue
        target = 0.001 if "filter" in function else 0.010 if "metadata" in function else 0.120 if "full-text" in function else 0.016
        row(n, function, secs(v[0]), secs(target), f"{v[0] / target:.3f}x", "1.0x", noise(v))

widths = [max(len(r[i]) for r in rows + [("articles", "figure", "kiosk", "baseline", "ratio", "target", "noise (min-max)")]) for i in range(7)]
header = ("articles", "figure", "kiosk", "baseline", "ratio", "target", "noise (min-max)")
for r in [header] + rows:
    print("  ".join(x.ljust(w) if i < 2 or i == 6 else x.rjust(w) for i, (x, w) in enumerate(zip(r, widths))).rstrip())
print("\nratio: kiosk / baseline; for keystrokes and the 1 MiB screen figures the baseline is the target time itself.")
