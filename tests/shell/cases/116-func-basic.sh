# defining and calling a function
greet() {
  echo "hello from greet"
}
greet
greet
