# return from a case branch inside a function
classify() {
  case $1 in
    [0-9]*) return 0 ;;
    *) return 1 ;;
  esac
}
classify 42 && echo "42 is a number"
classify abc || echo "abc is not"
