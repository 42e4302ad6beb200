#!/usr/bin/env bash
# The bash completion, loaded in bash: it offers exactly the options of each
# program's --help, the facet kinds and choices --help shows, and file paths, under
# the installed names and the build tree's; the zsh one parses (when zsh is here).
# Usage: completion_test.sh COMPLETIONS_DIR INDEXER SEARCHER
set -euo pipefail
dir=$(realpath "$1") indexer=$(realpath "$2") searcher=$(realpath "$3")
source "$(dirname "$0")/help_options.sh"
source "$dir/docket.bash"
failed=0
fail() { echo "completion_test: FAIL: $*" >&2; failed=1; }

# complete_line COMMAND WORD...: COMPREPLY for the last word, one a line, sorted.
complete_line() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  "$(complete -p "$1" | grep -oE -- '-F [^ ]+' | cut -c4-)" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]-}"
  printf '%s\n' "${COMPREPLY[@]}" | sort -u | sed '/^$/d'
}
expect() {  # expect WHAT EXPECTED ACTUAL
  [ "$2" = "$3" ] || fail "$1: expected [$(echo $2)], got [$(echo $3)]"
}

for name in docket-index indexer; do
  expect "$name -" "$(help_options "$indexer")" "$(complete_line "$name" -)"
done
for name in docket-search searcher; do
  expect "$name -" "$(help_options "$searcher")" "$(complete_line "$name" -)"
  expect "$name serve -" "$(help_options "$searcher" serve)" "$(complete_line "$name" serve -)"
  expect "$name --li" "$(printf '%s\n' --like --limit --list)" "$(complete_line "$name" --li)"
  for option in --list --sort --color; do
    expect "$name $option" "$(help_choices "$option" "$searcher")" "$(complete_line "$name" --db x "$option" "")"
  done
  expect "$name --list c" "$(printf '%s\n' case company)" "$(complete_line "$name" --list c)"
  expect "$name se" serve "$(complete_line "$name" se)"
  expect "$name --company (free text)" "" "$(complete_line "$name" --company "")"
done

# Paths: --db, --gazetteer and the indexer's inputs complete files and folders.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/news-db" "$tmp/news-articles"
touch "$tmp/gaz.tsv"
cd "$tmp"
expect "docket-search --db news-" "$(printf '%s\n' news-articles news-db)" "$(complete_line docket-search --db news-)"
expect "docket-index --gazetteer g" gaz.tsv "$(complete_line docket-index --gazetteer g)"
expect "indexer --db x news-a" news-articles "$(complete_line indexer --db x news-a)"
expect "searcher serve --gazetteer g" gaz.tsv "$(complete_line searcher serve --gazetteer g)"

if command -v zsh >/dev/null; then
  zsh -n "$dir/_docket" || fail "zsh -n $dir/_docket: it does not parse"
  echo "completion_test: zsh completion parses (zsh -n)"
else
  echo "completion_test: zsh completion not checked: zsh is not installed"
fi
[ $failed -eq 0 ] && echo "completion_test: ok: bash completion matches --help for docket-index, docket-search, indexer, searcher and serve"
exit $failed
