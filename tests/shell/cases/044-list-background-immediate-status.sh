# starting a background job gives status 0
false &
echo "status $?"
wait
