#!/usr/bin/env bash
# Benchmark (not a test): how long the scenario runner takes for a folder of N scenarios.
#   npm run bench:scenarios -- [N=120]
# It copies the example scenarios (apps/scenarios/scenarios/examples, and ../shared/scenarios/public
# when that folder exists; each id once) and the project's own under new ids until there are N, runs
# `npm run scenarios` on the folder, checks every line has an "actual", and prints the timing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
n="${1:-120}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
node - "$n" "$dir" "$root/../shared/scenarios/public" "$root/apps/scenarios/scenarios/examples" "$root/apps/scenarios/scenarios" <<'JS'
const fs = require('node:fs'), path = require('node:path');
const [n, out, ...sources] = process.argv.slice(2);
const byId = new Map();
for (const d of sources.filter(fs.existsSync)) {
  for (const f of fs.readdirSync(d).filter((f) => f.endsWith('.json')).sort()) {
    const s = JSON.parse(fs.readFileSync(path.join(d, f), 'utf8'));
    if (!byId.has(s.id)) byId.set(s.id, s);
  }
}
const scenarios = [...byId.values()];
for (let i = 0; i < Number(n); i++) {
  const s = structuredClone(scenarios[i % scenarios.length]);
  s.id = `BENCH-${String(i).padStart(4, '0')}-${s.id}`;
  fs.writeFileSync(path.join(out, `${s.id}.json`), JSON.stringify(s));
}
JS
start=$(date +%s%3N)
cd "$root"
npm run --silent scenarios -- "$dir" > "$dir/out.jsonl" 2> "$dir/err.log" || { tail -20 "$dir/err.log" >&2; exit 1; }
end=$(date +%s%3N)
lines=$(wc -l < "$dir/out.jsonl")
ok=$(grep -c '"actual"' "$dir/out.jsonl" || true)
secs=$(( (end - start) / 1000 )).$(( (end - start) % 1000 / 100 ))
echo "scenario runner: $lines scenarios ($ok with a result) in ${secs}s wall time, $(nproc) cores, $(date -u +%F)"
