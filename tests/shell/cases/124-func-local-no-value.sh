# local without a value is unset inside, global untouched
v=global
f() {
  local v
  echo "inside: [${v-unset}]"
  v=set-inside
  echo "inside now: $v"
}
f
echo "outside: $v"
