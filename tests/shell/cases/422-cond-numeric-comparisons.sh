# -eq -ne -lt -le -gt -ge evaluate arithmetic
[[ 10 -eq 10 ]] && echo eq
[[ 10 -ne 9 ]] && echo ne
[[ 9 -lt 10 ]] && echo lt
[[ 10 -le 10 ]] && echo le
[[ 11 -gt 10 ]] && echo gt
[[ 10 -ge 11 ]] || echo "not ge"
x=3
[[ x+1 -eq 4 ]] && echo "arithmetic operands"
