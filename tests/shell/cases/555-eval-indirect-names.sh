# eval builds variable names
for i in 1 2 3; do eval "var_$i=value$i"; done
echo "$var_1 $var_2 $var_3"
n=2
eval "echo \$var_$n"
