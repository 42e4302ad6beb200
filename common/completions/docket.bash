# bash completion for docket-index and docket-search, and for the build tree's
# indexer and searcher. Installed once per command name, because bash-completion
# loads a command's completion from a file named after it; source it to use it
# without bash-completion. The option lists must match --help (tests/docs checks).

_docket_index_options="-h --help --version --db --extract --gazetteer --exclude --commit-every -j --jobs
  --files-per-shard --shards -q --quiet -v --verbose --print-config"
_docket_search_options="-h --help --version --db --remote --timeout --allow-partial --company --case
  --amount-min --amount-max --from --to --limit --offset --facet-limit --sort --explain --like --recency
  --no-collapse --months --timeline --summary --no-facets --no-snippets --batch --run --run-tag --save --saved --new
  --saved-file --list --json --format --color --print-config"
_docket_serve_options="-h --help --db --remote --timeout --allow-partial --bind --port --threads --token
  --token-file --gazetteer --time-limit --saved-file --max-queue --count-beside --print-config"
# Options whose value is not a file and has no fixed choices: nothing to offer.
_docket_free_values="--exclude --commit-every -j --jobs --files-per-shard --shards --remote --timeout
  --company --case --amount-min --amount-max --from --to --limit --offset --facet-limit --recency
  --run-tag --save --new --bind --port --threads --token --time-limit --max-queue"

_docket_offer() {  # the words of $1 that start with the current word
  local IFS=$' \t\n'
  COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

_docket_paths() {  # files and folders that start with the current word
  local IFS=$'\n'
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -f -- "$cur"))
}

_docket() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev="" mode
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  case ${1##*/} in
    docket-index | indexer) mode=index ;;
    *) mode=search; [[ ${COMP_WORDS[1]-} == serve ]] && ((COMP_CWORD > 1)) && mode=serve ;;
  esac
  case $prev in
    --db | --gazetteer | --batch | --run | --token-file | --like | --saved-file) _docket_paths; return ;;
    --list) _docket_offer "company case amount"; return ;;
    --sort) _docket_offer "relevance date"; return ;;
    --format) _docket_offer "text json csv tsv jsonl"; return ;;
    --timeline) _docket_offer "week month year"; return ;;
    --summary) _docket_offer "company case"; return ;;
    --color) _docket_offer "auto always never"; return ;;
  esac
  if [[ " ${_docket_free_values//$'\n'/ } " == *" $prev "* ]]; then COMPREPLY=(); return; fi
  if [[ $cur == -* ]]; then
    local options=_docket_${mode}_options
    _docket_offer "${!options}"
  elif [[ $mode == index ]]; then
    _docket_paths
  elif [[ $mode == search ]] && ((COMP_CWORD == 1)); then
    _docket_offer serve
  else
    COMPREPLY=()
  fi
}

complete -F _docket docket-index docket-search indexer searcher
