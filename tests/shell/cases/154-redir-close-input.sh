# <&- closes stdin
read -r x <&-
echo "status $?"
