# exit N ends the script with status N
echo "about to exit"
exit 3
echo "not reached"
