# defaults can nest other expansions
unset a b
c=third
echo "${a:-${b:-${c}}}"
echo "${a:-$(echo from-cmd)}"
echo "${a:-$((2 + 3))}"
echo "${a:-~/home-rel}"
