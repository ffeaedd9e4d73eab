# BASH_REMATCH in a loop over lines
for line in "name: alice" "age: 30" "bad line"; do
  if [[ $line =~ ^([a-z]+):\ (.*)$ ]]; then
    echo "${BASH_REMATCH[1]} -> ${BASH_REMATCH[2]}"
  else
    echo "no match: $line"
  fi
done
