// Exam-style shell lines for the fuzz tests (issue 22): kubectl, the text tools people pipe it
// into, bash's grammar, and mutations of all of them (a character dropped, doubled or swapped
// for a shell metacharacter), as a learner's typos make them.
import fc from 'fast-check';

const KUBECTL = [
  'kubectl get pods', 'k get po -A', 'kubectl get netpol -n default', 'kubectl describe netpol payroll-policy', 'k get svc -o wide',
  'kubectl get pods -o yaml', 'kubectl get pods -o jsonpath={.items[*].metadata.name}', 'kubectl run x --image=nginx $do', 'k get ns',
  'kubectl create deploy web --image=nginx --dry-run=client -o yaml', 'kubectl get pods --show-labels', 'kubectl explain pod',
];
const FILTERS = [
  'grep Running', 'grep -A 3 x', 'grep -B1 -E "a|b"', 'grep -o "[0-9]+"', 'grep -v NAME', 'grep -c .', 'grep -w web', 'grep -e a -e b',
  "sed 's/a/b/'", "sed 's/[/x/g'", "sed 's/*/x/g'", "sed 's/?/x/g'", "sed 's/\\/x/g'", "sed -n '2,3p'", "sed '/x/d'", "sed -E 's/(a)/\\1/'",
  "sed 's/a/b/;s/c/d/'", "sed -e 's/a/b/' -e 's/c/d/'", "sed '1i hi'", "sed 's/a/b/X'", "sed -n '$p'", "sed '2q'", "sed 'y/abc/xyz/'",
  "awk '{print $1}'", "awk -F: '{print $2}'", "awk 'NR>1'", "awk '{s+=$2} END {print s}'", "awk '{print NF, $NF}'", "awk 'BEGIN{x=1'",
  "awk '/Run/ {n++} END {print n}'", "awk '{gsub(/a/,\"b\"); print}'", "awk '{printf \"%s\\n\", $1}'", 'cut -d" " -f1', 'cut -c1-5', 'tr a-z A-Z',
  'tr -d " "', 'sort', 'sort -k2 -n', 'sort -u', 'sort -t: -k3', 'uniq -c', 'uniq -d', 'wc -l', 'head -n 3', 'tail -n +2', 'head -c 10',
  'cat -n', 'cat -A', 'tac', 'rev', 'nl', 'column -t', 'xargs echo', 'xargs -n1', 'xargs -I{} echo {}', 'tee out.txt', 'tee -a out.txt',
  'base64', 'base64 -d', 'md5sum', 'sha256sum', 'jq .', 'jq -r ".items[].metadata.name"', 'yq .metadata', 'paste -sd,', 'sort -h', 'sort -r',
];
const STATEMENTS = [
  'echo hello', 'echo $HOME ~ $?', 'x=1', 'export do="--dry-run=client -o yaml"', 'alias kk=kubectl', 'cd /tmp', 'cd -', 'pwd', 'ls -la',
  'mkdir -p a/b', 'touch f.yaml', 'rm -rf a', 'cp f.yaml g.yaml', 'mv g.yaml h.yaml', 'cat f.yaml', 'chmod +x s.sh', './s.sh', 'bash s.sh',
  'for i in 1 2 3; do echo $i; done', 'for ((i=0;i<3;i++)); do echo $i; done', 'while read l; do echo "$l"; done < f.yaml',
  'if [ -f f.yaml ]; then echo yes; else echo no; fi', 'case $x in 1) echo one;; *) echo other;; esac', 'f() { echo "$@"; }; f a b',
  'echo $((1+2*3))', '(( x++ ))', '[[ $x == 1 ]] && echo ok', 'test -d /tmp', '[ 1 -lt 2 ]', 'a=(1 2 3); echo ${a[@]} ${#a[@]}',
  'echo ${x:-d} ${x#1} ${x%1} ${x/1/2} ${#x} ${x^^}', 'echo {1..5} {a,b}c', 'cat <<< "here"', 'diff <(echo a) <(echo b)', 'set -e', 'set +e',
  'set -o pipefail', 'echo ${PIPESTATUS[@]}', 'read -r a b <<< "1 2"', 'mapfile -t L < f.yaml', 'eval echo hi', 'type kubectl', 'command -v ls',
  'source f.yaml', 'trap "echo bye" EXIT', 'bash -c "exit 3"', 'printf "%s %d\\n" a 1', 'seq 5', 'date +%F', 'basename /a/b.c .c',
  'dirname /a/b', 'realpath .', 'find . -name "*.yaml"', 'env | sort', 'whoami', 'hostname', 'history 3', 'shopt -s nullglob',
  'echo "unterminated', "echo 'x", 'echo $(echo $(echo deep))', 'echo `date`', 'kubectl completion bash | head -1', 'complete -F __start_kubectl k',
  'while false; do :; done', 'until true; do :; done', 'select x in a; do break; done', 'break', 'continue', 'return', 'local y=1', 'shift',
];
const JOIN = [' | ', '; ', ' && ', ' || ', ' > out.txt; ', ' 2>&1 | ', ' |& ', '\n', ' 2>/dev/null | '];
const META = ['|', ';', '&', '(', ')', '{', '}', '[', ']', '$', '`', '"', "'", '\\', '<', '>', '*', '?', '!', '#', '~', '=', ' ', '\n', '%', '^', ','];

export const examLine = fc
  .tuple(
    fc.constantFrom(...KUBECTL, ...STATEMENTS),
    fc.array(fc.tuple(fc.constantFrom(...JOIN), fc.constantFrom(...FILTERS, ...STATEMENTS)), { maxLength: 4 }),
  )
  .map(([first, rest]) => first + rest.map(([j, f]) => j + f).join(''));

/** A line with a few typos: characters dropped, doubled, or replaced by shell metacharacters. */
export const mutatedLine = fc
  .tuple(examLine, fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'double', 'meta'), fc.constantFrom(...META)), { maxLength: 3 }))
  .map(([line, edits]) => {
    let s = line;
    for (const [pos, kind, ch] of edits) {
      if (s.length === 0) break;
      const i = pos % s.length;
      s = kind === 'drop' ? s.slice(0, i) + s.slice(i + 1) : kind === 'double' ? s.slice(0, i + 1) + s.slice(i) : s.slice(0, i) + ch + s.slice(i + 1);
    }
    return s;
  });

export const fuzzLine = fc.oneof(examLine, mutatedLine);
