# the status of an assignment expression is its value
((x = 0)) || echo "assignment of 0 is false"
((x = 2)) && echo "assignment of 2 is true"
let 'y = 0' || echo "let of 0 is false too"
