# /dev/null swallows output and gives EOF
echo gone > /dev/null
cat /dev/null
echo "status $?"
read -r x < /dev/null
echo "read status $?"
