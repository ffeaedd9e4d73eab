# && || ! and parentheses inside [[ ]]
a=1 b=2
[[ $a == 1 && $b == 2 ]] && echo "and"
[[ $a == 5 || $b == 2 ]] && echo "or"
[[ ! $a == 5 ]] && echo "not"
[[ ( $a == 5 || $b == 2 ) && $a == 1 ]] && echo "grouping"
[[ $a == 1 || $undefined_fn_never_called == x ]] && echo "short circuit"
