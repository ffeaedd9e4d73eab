# [[ ]] does not split or glob its operands
: > a.txt
v='two words'
[[ $v == 'two words' ]] && echo "not split"
g='*.txt'
[[ $g == '*.txt' ]] && echo "not globbed"
[[ -n $v ]] && echo "-n with spaces"
