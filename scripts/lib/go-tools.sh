# Sourced by the scripts that need a Go program of the Temporal project: builds it once from the
# Go module proxy at a pinned version into ~/.cache/reprotect/NAME/VERSION, then reuses it.
# Messages go to stderr.

# The cache directory of NAME at VERSION.
go_tools_dir() {
  echo "${REPROTECT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reprotect}/$1/$2"
}

# ensure_go_tools NAME VERSION MODULE_PATH BINARY=PACKAGE...
# Leaves each BINARY, built from PACKAGE@VERSION, in the cache directory of NAME at VERSION
# (`go install` names a binary after its package's directory; BINARY renames it).
ensure_go_tools() {
  local name="$1" version="$2" what="$3" dir missing=() spec build
  shift 3
  dir="$(go_tools_dir "$name" "$version")"
  for spec in "$@"; do
    [ -x "$dir/${spec%%=*}" ] || missing+=("$spec")
  done
  [ ${#missing[@]} = 0 ] && return 0
  if ! command -v go >/dev/null 2>&1; then
    echo "error: $what $version is not in $dir and Go, which builds it, is missing: install Go (Debian: apt-get install golang-go, or https://go.dev/dl), then run this again." >&2
    return 1
  fi
  echo "Building $what $version from the Go module proxy into $dir" >&2
  echo "(once: a few minutes on 2 cores; later runs reuse it)..." >&2
  build="$(mktemp -d "${TMPDIR:-/tmp}/go-tools.XXXXXX")"
  for spec in "${missing[@]}"; do
    GOBIN="$build" GOFLAGS="${GOFLAGS:-} -trimpath" go install "${spec#*=}@$version" >&2 \
      || { rm -rf "$build"; return 1; }
    mkdir -p "$dir"
    mv "$build/$(basename "${spec#*=}")" "$dir/${spec%%=*}"
  done
  rm -rf "$build"
}

# The directory of MODULE@VERSION in the Go module cache (downloaded if missing).
go_module_dir() {
  go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}
