# < and > must be escaped in [
[ a \< b ] && echo "a < b"
[ b \> a ] && echo "b > a"
[ B \< a ] && echo "B < a in C locale"
