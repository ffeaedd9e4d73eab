# cd - returns to OLDPWD and prints it
cd /
cd /dev
cd -
echo "OLDPWD=$OLDPWD PWD=$PWD"
