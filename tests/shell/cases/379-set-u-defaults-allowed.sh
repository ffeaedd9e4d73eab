# set -u allows ${x-} ${x:-} and empty "$@"
set -u
echo "[${undefined-}] [${undefined:-def}]"
set --
echo "args: [$*] [$#]"
for a in "$@"; do echo "$a"; done
arr=()
echo "empty array length ${#arr[@]}"
