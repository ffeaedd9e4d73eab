# operators as string operands
[ "-n" = "-n" ] && echo "the string -n"
[ = = = ] && echo "= = ="
[ "!" = "!" ] && echo "! as a string"
[ -z -z ] || echo "[ -z -z ] is false"
