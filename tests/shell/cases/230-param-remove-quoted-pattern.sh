# quoted parts of the pattern are literal
v='a*b*c'
echo "${v#"a*"}"
echo "${v#a*}"
echo "${v%'*c'}"
pat='*'
echo "${v%$pat}" "${v%"$pat"c}"
