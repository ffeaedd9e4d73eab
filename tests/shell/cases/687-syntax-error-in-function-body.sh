# an error inside a function body
f() {
  echo one
  )
}
