# set -o with option names
set -o pipefail
(exit 3) | true
echo "status $?"
[[ -o pipefail ]] && echo "pipefail is on"
set +o pipefail
[[ -o pipefail ]] || echo "pipefail is off"
