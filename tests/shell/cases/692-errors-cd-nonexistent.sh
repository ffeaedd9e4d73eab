# cd to a nonexistent directory
cd /nonexistent
echo "status $?"
