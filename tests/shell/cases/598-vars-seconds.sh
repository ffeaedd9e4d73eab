# SECONDS counts seconds since start and can be set
[ "$SECONDS" -ge 0 ] && [ "$SECONDS" -lt 30 ] && echo "SECONDS small at start"
SECONDS=1000
s=$SECONDS
[ "$s" -ge 1000 ] && [ "$s" -lt 1030 ] && echo "SECONDS counts from the assigned value"
