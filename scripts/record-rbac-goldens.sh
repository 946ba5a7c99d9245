#!/usr/bin/env bash
# Records the goldens of test/kubectl/rbac-generators.test.ts: each line of
# test/kubectl/golden/rbac-generators/CASES run with the upstream kubectl 1.32 client against a
# discovery-only fake API server (create role/clusterrole resolve resources through discovery even
# with --dry-run=client). Usage: bash scripts/record-rbac-goldens.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kubectl="$(dirname "$(readlink -f "$(command -v kubectl)")")/kubectl.1.32"
out="$root/test/kubectl/golden/rbac-generators"
work="$(mktemp -d)"
node "$root/scripts/rbac-discovery-server.mjs" &
server=$!
trap 'kill "$server"; rm -rf "$work"' EXIT
sleep 1
cat >"$work/kubeconfig" <<'KC'
apiVersion: v1
kind: Config
clusters:
- cluster: {server: "http://127.0.0.1:18089"}
  name: c
contexts:
- context: {cluster: c, user: u}
  name: c
current-context: c
users:
- name: u
  user: {}
KC
rm -f "$out"/*.txt
n=0
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  n=$((n + 1))
  file="$out/$(printf '%02d' "$n").txt"
  set +e
  (cd "$work" && eval "HOME=\"$work\" KUBECONFIG=\"$work/kubeconfig\" \"$kubectl\" $line" >"$work/.stdout" 2>"$work/.stderr")
  code=$?
  set -e
  {
    echo "# source: kubectl.1.32 $line (scripts/record-rbac-goldens.sh)"
    echo "exit $code"
    echo "--- stdout"
    cat "$work/.stdout"
    echo "--- stderr"
    cat "$work/.stderr"
  } >"$file"
done <"$out/CASES"
echo "recorded $n goldens in $out"
