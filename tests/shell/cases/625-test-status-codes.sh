# test returns 0, 1 or 2
test 1 -eq 1; echo "$?"
test 1 -eq 2; echo "$?"
test 1 -eq x 2>/dev/null; echo "$?"
