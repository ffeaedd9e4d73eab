# local arrays are local
arr=(global values)
f() {
  local arr=(x y z)
  echo "inside: ${arr[*]} (${#arr[@]})"
}
f
echo "outside: ${arr[*]} (${#arr[@]})"
