# Sourced by the docs tests: the options a program's --help lists, one a line, sorted.
# help_options PROGRAM [serve]
help_options() {
  "$@" --help | grep -oE '^ +(-[a-zA-Z],)?--[a-z][a-z-]*' | tr -d ' ' | tr ',' '\n' | sort -u
}
# The choices --help shows for OPTION ("--sort TEXT:{relevance,date}"), one a line, sorted.
# help_choices OPTION PROGRAM [serve]
help_choices() {
  local option=$1
  shift
  "$@" --help | grep -E "^ +$option " | grep -oE '\{[^}]*\}' | tr -d '{}' | tr ',' '\n' | sort -u
}
