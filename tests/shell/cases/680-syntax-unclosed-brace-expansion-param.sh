# ${ without }
echo before
echo "${x"
