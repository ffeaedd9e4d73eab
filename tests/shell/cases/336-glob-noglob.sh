# set -f disables pathname expansion
: > f.txt
set -f
echo *.txt
set +f
echo *.txt
