# shopt -o and [[ -o ]] report set options
set -e
shopt -qo errexit && echo "errexit on"
set +e
shopt -qo errexit || echo "errexit off"
shopt -po nounset
set -u
shopt -po nounset
