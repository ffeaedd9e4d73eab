# ${x:?msg} fails with the message when unset or empty
s=ok
echo "${s:?is set}"
( e=; echo "${e:?is empty}" )
echo "subshell status $?"
( echo "${u:?}" )
echo "status $?"
