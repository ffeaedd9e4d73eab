# -o tests shell options
[[ -o errexit ]] || echo "errexit off"
set -u
[[ -o nounset ]] && echo "nounset on"
