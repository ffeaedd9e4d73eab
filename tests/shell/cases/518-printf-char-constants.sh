# 'c and "c give character codes
printf '%d %d %d\n' "'a" '"b' "'"
printf '%x\n' "'Z"
