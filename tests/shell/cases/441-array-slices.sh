# ${arr[@]:off:len}
arr=(a b c d e)
echo "${arr[@]:1}"
echo "${arr[@]:1:2}"
echo "${arr[@]: -2}"
