#!/usr/bin/env bash
# The man pages cannot drift from --help: every option each program's --help (and
# `searcher serve --help`) prints is in its page, and every option the page names
# is one of them; the pages have their sections and render without a warning.
# Usage: man_test.sh MAN_DIR INDEXER SEARCHER
set -euo pipefail
man_dir=$1 indexer=$2 searcher=$3
source "$(dirname "$0")/help_options.sh"
failed=0
fail() { echo "man_test: FAIL: $*" >&2; failed=1; }

# Options a page names (roff writes them \-\-name), one a line, sorted.
page_options() { grep -oE '(\\-){2}[a-z]([a-z]|\\-)*[a-z]' "$1" | sed 's/\\-/-/g' | sort -u; }

# compare PAGE WHAT EXPECTED_LIST ACTUAL_LIST
compare() {
  local missing extra
  missing=$(comm -23 <(echo "$3") <(echo "$4") | tr '\n' ' ')
  extra=$(comm -13 <(echo "$3") <(echo "$4") | tr '\n' ' ')
  [ -z "$missing" ] || fail "$1: --help of $2 has options the page lacks: $missing"
  [ -z "$extra" ] || fail "$1: the page names options that --help of $2 does not list: $extra"
}

check_page() {  # check_page PAGE SECTION...
  local page=$1 section err
  shift
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" FILES ENVIRONMENT EXAMPLES "$@"; do
    grep -qE "^\.SH \"?$section\"?$" "$page" || fail "$page: no $section section"
  done
  err=$(groff -ww -man -Tutf8 "$page" 2>&1 >/dev/null)
  [ -z "$err" ] || fail "$page: groff warns: $err"
  # Roff input is ASCII: other characters need escapes (\[Eu]), or groff reads them wrong.
  ! LC_ALL=C grep -n '[^[:print:][:space:]]' "$page" || fail "$page: characters outside ASCII (above)"
}

index_page=$man_dir/docket-index.1
search_page=$man_dir/docket-search.1
check_page "$index_page"
check_page "$search_page" "QUERY SYNTAX"
long_only() { grep -- '^--' || true; }
compare "$index_page" indexer "$(help_options "$indexer" | long_only)" "$(page_options "$index_page")"
compare "$search_page" "searcher and searcher serve" \
  "$( (help_options "$searcher"; help_options "$searcher" serve) | long_only | sort -u)" "$(page_options "$search_page")"
# serve's own options are under its heading.
serve_part=$(mktemp)
trap 'rm -f "$serve_part"' EXIT
sed -n '/^\.SS "serve options"/,/^\.SH/p' "$search_page" >"$serve_part"
missing=$(comm -23 <(help_options "$searcher" serve | long_only | grep -vx -- '--help') <(page_options "$serve_part") | tr '\n' ' ')
[ -z "$missing" ] || fail "$search_page: serve options not under \"serve options\": $missing"
[ $failed -eq 0 ] && echo "man_test: ok: both pages list exactly the options of --help and render cleanly"
exit $failed
