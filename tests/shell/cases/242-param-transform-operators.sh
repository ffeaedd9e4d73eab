# ${x@U} ${x@u} ${x@L} ${x@E} ${x@A} ${x@a}
v="hello world"
echo "${v@U}"
echo "${v@u}"
w=LOUD
echo "${w@L}"
e='a\tb'
echo "${e@E}"
echo "${v@A}"
declare -i num=5
echo "${num@a}"
arr=(1 2)
echo "${arr@a}"
