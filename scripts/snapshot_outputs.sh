#!/usr/bin/env bash
# Snapshot of every user-visible output (events, facts, clusters, timelines, exported tables) on the
# seed articles and the real-news corpus, for checking that a refactor leaves behaviour unchanged:
#   scripts/snapshot_outputs.sh /tmp/before && <refactor> && scripts/snapshot_outputs.sh /tmp/after
#   diff -r /tmp/before /tmp/after
# Needs ../shared beside the checkout. Run ids and timings are dropped; everything else is compared.
set -euo pipefail
out=${1:?usage: scripts/snapshot_outputs.sh OUT_DIR}
shared=${SHARED:-../shared}
comity=${COMITY:-.venv/bin/comity}
rm -rf "$out"; mkdir -p "$out"
snap() {  # name inputs...
    local name=$1; shift
    local db="$out/$name.duckdb"
    "$comity" run "$@" --db "$db" --workers 1 -q >/dev/null 2>&1 || [ $? -eq 1 ]
    "$comity" events --db "$db" --format jsonl >"$out/$name.events.jsonl"
    "$comity" facts --db "$db" --format jsonl >"$out/$name.facts.jsonl"
    for dyad in "CHN VNM" "CHN USA" "USA VNM" "CHN PHL" "USA PHL"; do
        # shellcheck disable=SC2086
        "$comity" timeline --db "$db" --dyad $dyad --format jsonl >"$out/$name.timeline.${dyad// /-}.jsonl" 2>&1 || true
    done
    "$comity" export --db "$db" --format jsonl --out "$out/$name.export" >/dev/null
    # Run bookkeeping differs between any two runs by design.
    rm -f "$out/$name.export/runs.jsonl" "$db"
    python3 - "$out/$name.export/articles.jsonl" <<'PY'
import json, sys
path = sys.argv[1]
rows = [json.loads(line) for line in open(path, encoding="utf-8")]
with open(path, "w", encoding="utf-8") as out:
    for row in rows:
        row.pop("run_id", None), row.pop("ingested_at", None)
        out.write(json.dumps(row, sort_keys=True) + "\n")
PY
}
snap seeds "$shared/corpus/seeds"
snap realnews "$shared/corpus/realnews/news.dev.jsonl" "$shared/corpus/realnews/readouts.dev.jsonl"
echo "snapshot in $out"
