# set -v echoes input lines to stderr
set -v
echo verbose
x=1 # with a comment
set +v
echo "not echoed"
