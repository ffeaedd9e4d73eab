# functions do not see the DEBUG trap unless set -T; with it the trap also runs as the body starts
f() {
  echo "in f"
}
trap 'echo "debug: $BASH_COMMAND (${FUNCNAME[0]:-main})"' DEBUG
f
set -T
f
( echo sub )
set +T
trap - DEBUG
echo "flags: $-"
