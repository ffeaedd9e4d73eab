# ${arr[@]//p/r} on every element
arr=(aa ba ca)
echo "${arr[@]//a/x}"
set -- foo boo
echo "${@/o/0}"
