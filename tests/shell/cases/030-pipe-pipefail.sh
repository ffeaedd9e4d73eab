# pipefail makes the rightmost failure the pipeline's status
set -o pipefail
false | true
echo "false|true: $?"
(exit 3) | (exit 5) | true
echo "3|5|true: $?"
true | true
echo "true|true: $?"
set +o pipefail
(exit 3) | true
echo "off again: $?"
