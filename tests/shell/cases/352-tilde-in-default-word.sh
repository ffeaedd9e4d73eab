# ~ in an unquoted ${x:-~/y} is expanded
unset v
echo ${v:-~/default}
echo "${v:-~/quoted}"
