# here-documents inside a function body
show() {
  cat <<EOF
arg is $1
EOF
}
show first
show second
