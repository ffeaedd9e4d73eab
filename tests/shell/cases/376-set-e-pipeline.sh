# only the last command of a pipeline counts, unless pipefail
set -e
false | true
echo "after false|true"
set -o pipefail
false | true
echo "not reached"
