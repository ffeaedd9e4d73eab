# PS4 sets the trace prefix
PS4='>> '
set -x
echo traced
PS4='[$LINENO] '
echo "with line"
set +x
