# command substitutions nest
echo "$(echo outer $(echo middle $(echo inner)))"
echo `echo outer \`echo inner\``
echo "$(echo "$(echo "$(echo three deep)")")"
