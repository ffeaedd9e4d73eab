# local - saves and restores shell options
f() {
  local -
  set -f
  echo "inside: $(case $- in *f*) echo noglob on ;; *) echo noglob off ;; esac)"
}
f
case $- in *f*) echo "after: noglob on" ;; *) echo "after: noglob off" ;; esac
