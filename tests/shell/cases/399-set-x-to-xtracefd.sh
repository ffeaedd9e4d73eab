# BASH_XTRACEFD sends the trace to another descriptor
exec 3> trace.txt
BASH_XTRACEFD=3
set -x
echo traced
set +x
exec 3>&-
echo "trace file:"
cat trace.txt
