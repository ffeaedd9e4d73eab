# ** is exponentiation and binds right to left
echo $((2 ** 10)) $((2 ** 3 ** 2)) $((3 ** 0)) $((-2 ** 3))
