# getopts in a function with local OPTIND
parse() {
  local OPTIND opt
  while getopts "q" opt; do echo "parse saw -$opt"; done
  shift $((OPTIND - 1))
  echo "parse rest: $*"
}
parse -q one
parse -q two
