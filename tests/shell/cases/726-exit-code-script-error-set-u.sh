# set -u error exits with status 1
set -u
echo "start"
echo "$missing_variable"
