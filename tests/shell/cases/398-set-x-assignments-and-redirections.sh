# set -x shows assignments and expanded words
set -x
a=1 b="two words"
echo "$a" $b > /dev/null
arr=(x y)
set +x
