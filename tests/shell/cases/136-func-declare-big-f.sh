# declare -F lists function names only
zeta() { :; }
alpha() { :; }
declare -F
declare -F alpha
declare -F missing
echo "status $?"
