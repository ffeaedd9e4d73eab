# PWD follows the logical path with ..
# requires: mkdir
mkdir -p a/b
cd a/b/..
echo "${PWD##*/}"
cd ./b/.
echo "${PWD##*/}"
