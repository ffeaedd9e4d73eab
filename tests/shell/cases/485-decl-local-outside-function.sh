# local outside a function is an error
local x=1
echo "status $?"
