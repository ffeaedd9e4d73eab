# quotes inside ${x:-...}
unset x
echo "${x:-"a  b"}"
echo ${x:-'single  quoted'}
echo "${x:-\$literal}"
