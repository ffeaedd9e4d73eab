# cd to a missing directory fails with a message
cd /nonexistent_directory_xyz
echo "status $?"
cd nonexistent_relative
echo "status $?"
