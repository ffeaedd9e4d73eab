# [[ ]] returns 0 or 1
[[ a == a ]]; echo "$?"
[[ a == b ]]; echo "$?"
