# cd into directories the script makes
# requires: mkdir
mkdir -p one/two
cd one
echo "${PWD##*/}"
cd two
echo "${PWD##*/}"
cd ../..
[ -d one ] && echo "back where we started"
