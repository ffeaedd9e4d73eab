# >&2 writes to stderr
echo "to stdout"
echo "to stderr" >&2
echo "also stderr" 1>&2
