#!/usr/bin/env bash
# The installed programs work outside the tree: (a) `cmake --install` into a temporary
# prefix, then docket-index and docket-search on corpus/ from a temporary folder;
# (b) the .deb from cpack, installed with dpkg (as root only), the same run from
# /usr/bin, its man page found by man, and the package removed again.
# Usage: package_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$(realpath "$1")
build=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/docket-package-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "package_test: FAIL: $*" >&2; exit 1; }

# Index corpus/ and search it with INDEX_CMD / SEARCH_CMD, from a folder outside the tree.
check_programs() {
  local index_cmd=$1 search_cmd=$2 dir
  dir=$(mktemp -d "$work/run-XXXXXX")
  ( cd "$dir"
    # Exit 1 means some file was skipped as broken; the index is still made.
    "$index_cmd" -q --db index "$src/corpus" >index.out || [ $? -eq 1 ] || fail "$index_cmd failed"
    "$search_cmd" --db index --limit 3 revenue sharing Llama >search.out || fail "$search_cmd found nothing"
    grep -q 'lit-kadrey-llama-revenue-sharing' search.out || fail "$search_cmd: no Kadrey hit in: $(cat search.out)"
    [[ $("$search_cmd" serve --help) == *--port* ]] || fail "$search_cmd serve --help shows no --port"
    local version
    version=$("$search_cmd" --version)
    [[ $version =~ ^docket\ searcher\ [0-9.]+\ \(index\ schema\ [0-9]+,\ Xapian\ [0-9.]+\)$ ]] \
      || fail "$search_cmd --version: $version"
  )
  echo "package_test: ok: $index_cmd and $search_cmd index and search corpus/ from $dir"
}

# (a) cmake --install into a prefix.
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/docket-index bin/docket-search lib/docket/bin/indexer lib/docket/bin/searcher \
         share/man/man1/docket-index.1 share/man/man1/docket-search.1 \
         share/bash-completion/completions/docket-index share/bash-completion/completions/docket-search \
         share/zsh/vendor-completions/_docket share/doc/docket/README.md; do
  [ -e "$prefix/$f" ] || fail "cmake --install did not install $f"
done
check_programs "$prefix/bin/docket-index" "$prefix/bin/docket-search"
# The old names, through the links a user puts on PATH, say their own name.
err=$(PATH="$prefix/lib/docket/bin:$PATH" searcher --db /nonexistent-docket-db x 2>&1 || true)
[[ $err == "searcher: error: "* ]] || fail "lib/docket/bin/searcher does not run as searcher: $err"
err=$("$prefix/bin/docket-search" --db /nonexistent-docket-db x 2>&1 || true)
[[ $err == "docket-search: error: "* ]] || fail "docket-search does not name itself in its errors: $err"

# (b) The Debian package.
debs=$work/debs
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$debs" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$debs"/docket_*.deb)
dpkg-deb -f "$deb" Depends | grep -q libxapian || fail "no libxapian in Depends: $(dpkg-deb -f "$deb" Depends)"
echo "package_test: ok: built $(basename "$deb"), Depends: $(dpkg-deb -f "$deb" Depends)"
if [ "$(id -u)" -ne 0 ]; then
  echo "package_test: skipped installing the .deb: dpkg -i needs root (running as $(id -un))"
  exit 0
fi
if dpkg-query -W -f='${db:Status-Status}' docket 2>/dev/null | grep -q installed; then
  echo "package_test: skipped installing the .deb: a docket package is already installed, and this test would remove it"
  exit 0
fi
trap 'dpkg -r docket >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb failed (missing dependencies? apt-get install -y $deb resolves them)"
check_programs /usr/bin/docket-index /usr/bin/docket-search
man -w docket-search >/dev/null || fail "man -w docket-search: no page found after dpkg -i"
dpkg -r docket >/dev/null || fail "dpkg -r docket failed"
for f in /usr/bin/docket-index /usr/bin/docket-search /usr/share/man/man1/docket-search.1; do
  [ ! -e "$f" ] || fail "$f is still there after dpkg -r docket"
done
echo "package_test: ok: the .deb installs, runs from /usr/bin, has its man page, and removes cleanly"
