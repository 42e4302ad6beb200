#!/usr/bin/env bash
# Runs the README's examples as a new user would: every `build/indexer/indexer ...` and
# `build/searcher/searcher ...` line of its ```sh blocks, in README order, from a temporary
# folder outside the tree holding a link to corpus/, with this build's programs. Lines that
# need ../shared, start a server, or name placeholders (FILE, HOST, X...) are listed as skipped.
# Each must exit 0 (the indexer's 1, "some file skipped", is allowed too, and so is a searcher's
# 1 on a line whose comment says "exit 1", as --new does when nothing came in).
# Usage: readme_examples.sh README INDEXER SEARCHER CORPUS
set -uo pipefail
readme=$(realpath "$1") indexer=$(realpath "$2") searcher=$(realpath "$3") corpus=$(realpath "$4")
work=$(mktemp -d "${TMPDIR:-/tmp}/docket-readme-XXXXXX")
trap 'rm -rf "$work"' EXIT
ln -s "$corpus" "$work/corpus"
cd "$work" || exit 1
export HOME=$work XDG_CONFIG_HOME=$work/.config XDG_STATE_HOME=$work/.state  # no user's config
unset DOCKET_DB DOCKET_CONFIG
ran=0 skipped=0 failed=0
while IFS= read -r line; do
  command=${line%%  #*}  # the comment after two spaces
  case $command in
    *../shared* | *" serve"* | *FILE* | *HOST* | *QUERIES* | *scifact* | *cluster* | *"X "* | *"|"*)
      echo "skipped: $command"; skipped=$((skipped + 1)); continue ;;
  esac
  command=${command//build\/indexer\/indexer/$indexer}
  command=${command//build\/searcher\/searcher/$searcher}
  out=$(eval "$command" 2>&1 </dev/null)
  code=$?
  if [ $code -eq 0 ] || { [ $code -eq 1 ] && [[ $command == "$indexer"* || $line == *"#"*"exit 1"* ]]; }; then
    ran=$((ran + 1))
  else
    echo "FAIL (exit $code): $line"; echo "$out" | head -5; failed=$((failed + 1))
  fi
done < <(awk '/^```sh/{on=1; next} /^```/{on=0} on' "$readme" | grep -E '^build/(indexer/indexer|searcher/searcher) ')
echo "readme_examples: $ran ran, $skipped skipped, $failed failed"
[ $failed -eq 0 ] && [ $ran -gt 10 ]
