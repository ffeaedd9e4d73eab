# ${#x} is the length in characters
s=hello
e=
echo "${#s} ${#e} ${#undefined}"
set -- a b c d
echo "${#} ${#@} ${#*}"
arr=(x yy zzz)
echo "${#arr[@]} ${#arr[1]} ${#arr}"
