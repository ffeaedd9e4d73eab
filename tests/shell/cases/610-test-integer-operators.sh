# -eq -ne -lt -le -gt -ge
[ 5 -eq 5 ] && echo eq
[ 5 -ne 6 ] && echo ne
[ 5 -lt 6 ] && echo lt
[ 5 -le 5 ] && echo le
[ 6 -gt 5 ] && echo gt
[ 5 -ge 6 ] || echo "not ge"
[ -3 -lt 2 ] && echo "negative numbers"
[ " 7 " -eq 7 ] && echo "surrounding spaces allowed"
