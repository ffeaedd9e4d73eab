# cd without arguments needs HOME
unset HOME
cd
echo "status $?"
