# -C calls a function every -c lines
cb() { echo "callback index=$1 line=$2"; }
printf 'a\nb\nc\nd\n' | mapfile -t -C cb -c 2 arr
