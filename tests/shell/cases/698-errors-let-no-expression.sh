# let without arguments
let
echo "status $?"
