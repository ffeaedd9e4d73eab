# local shadows a global for the function and its callees
x=global
inner() { echo "inner sees $x"; }
outer() {
  local x=local
  echo "outer sees $x"
  inner
}
outer
echo "global is $x"
