#!/usr/bin/env bash
# Chooses each strategy's shipped default learning rate (harness default-learning-rates.json):
# trains the paper's MLP on Fashion-MNIST with 10% of the training set held out for validation
# (the test set is never looked at), for every strategy x learning rate in the grid, and prints the
# minimum validation error within the budget. A diverged run prints "diverged".
# Usage: scripts/sweep-default-learning-rates.sh [epochs] [seed]   (about 10 minutes on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${1:-5}"
seed="${2:-1}"
runs="$(mktemp -d)"
trap 'rm -rf "$runs"' EXIT
strategies="${STRATEGIES:-softmax-ce linear sigmoid tanh exp-gb pow3-gb mirrored-exp}"
rates="${RATES:-1 0.5 0.2 0.1 0.05 0.02 0.01 0.005}"
# Build once up front, then keep the same build for the whole sweep.
"$root/deltaboost" --version >/dev/null
export DELTABOOST_NO_BUILD=1

printf '%-13s' "strategy"
for lr in $rates; do printf '%10s' "$lr"; done
printf '\n'
for s in $strategies; do
  printf '%-13s' "$s"
  for lr in $rates; do
    id="$s-$lr"
    "$root/deltaboost" train --strategy "$s" --lr "$lr" --epochs "$epochs" --seed "$seed" \
      --validation-fraction 0.1 --runs-dir "$runs" --run-id "$id" --progress never >/dev/null 2>&1 || true
    python3 - "$runs/$id/result.json" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except OSError:
    print(f"{'failed':>10}", end="")
    sys.exit(0)
print(f"{100 * r['minTestError']:>10.2f}" if r["status"] == "completed" else f"{'diverged':>10}", end="")
PY
  done
  printf '\n'
done
