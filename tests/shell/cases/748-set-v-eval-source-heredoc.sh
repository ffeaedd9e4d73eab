# set -v echoes each line as it is read: compound commands, here-documents, eval and source text
echo 'echo from lib' > lib.sh
set -v
if true
then
  echo in if   # comment kept
fi

cat <<END
body
END
eval 'echo e1
echo e2'
. ./lib.sh
x=$(echo sub)
f() { echo in f; }
f
set +v
echo quiet
