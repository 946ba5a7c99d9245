#!/usr/bin/env bash
# Records the goldens of test/kubectl/generators-golden.test.ts: each line of
# test/kubectl/golden/generators/CASES run with the upstream kubectl 1.32 client (the versioned binary
# beside the Cloud SDK wrapper), without a cluster, in a copy of test/fixtures/generator-files.
# Usage: bash scripts/record-generator-goldens.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kubectl="$(dirname "$(readlink -f "$(command -v kubectl)")")/kubectl.1.32"
out="$root/test/kubectl/golden/generators"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -a "$root/test/fixtures/generator-files/." "$work/"
rm -f "$out"/*.txt
n=0
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  n=$((n + 1))
  file="$out/$(printf '%02d' "$n").txt"
  set +e
  (cd "$work" && eval "KUBECONFIG=/dev/null \"$kubectl\" $line" >"$work/.stdout" 2>"$work/.stderr")
  code=$?
  set -e
  {
    echo "# source: kubectl.1.32 $line (scripts/record-generator-goldens.sh, files from test/fixtures/generator-files)"
    echo "exit $code"
    echo "--- stdout"
    cat "$work/.stdout"
    echo "--- stderr"
    cat "$work/.stderr"
  } >"$file"
done <"$out/CASES"
echo "recorded $n goldens in $out"
