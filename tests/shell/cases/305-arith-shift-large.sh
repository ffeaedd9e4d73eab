# shifts by large counts
echo $((1 << 62)) $((1 << 63)) $((-1 >> 63)) $((-1 >> 1))
