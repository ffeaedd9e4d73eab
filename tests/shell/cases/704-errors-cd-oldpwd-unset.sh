# cd - without OLDPWD
unset OLDPWD
cd -
echo "status $?"
