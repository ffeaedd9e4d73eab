# head in a pipeline of a generated stream
# requires: head
for i in {1..100}; do echo "line $i"; done | head -n 3
