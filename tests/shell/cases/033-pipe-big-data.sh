# a pipeline carries more data than one pipe buffer
for i in {1..3000}; do echo "line number $i of the big pipeline"; done | cat | {
  n=0
  while read -r l; do n=$((n + 1)); last=$l; done
  echo "$n lines, last: $last"
}
