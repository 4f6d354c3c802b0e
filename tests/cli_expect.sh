# Helpers for the CLI test scripts (sourced): each failed check prints why
# and counts in $fails.
fails=0
# cli_workdir NAME: a fresh temporary dir (removed on exit) in $dir, made the current directory.
cli_workdir() {
  dir=$(mktemp -d "${TMPDIR:-/tmp}/suture-$1-cli.XXXXXX") || exit 2
  trap 'rm -rf "$dir"' EXIT
  cd "$dir" || exit 2
}
# expect CODE PATTERN CMD...: CMD exits CODE and its output (stdout and stderr) contains PATTERN.
expect() {
  code=$1; pattern=$2; shift 2
  out=$("$@" 2>&1 </dev/null); rc=$?
  if [ "$rc" -ne "$code" ]; then echo "FAIL (exit $rc, wanted $code): $*"; echo "$out"; fails=$((fails + 1)); return; fi
  case "$out" in *"$pattern"*) ;; *) echo "FAIL (no '$pattern'): $*"; echo "$out"; fails=$((fails + 1)) ;; esac
}
# has FILE PATTERN: FILE contains PATTERN.
has() {
  grep -qF -- "$2" "$1" || { echo "FAIL: $1 has no '$2'"; fails=$((fails + 1)); }
}
