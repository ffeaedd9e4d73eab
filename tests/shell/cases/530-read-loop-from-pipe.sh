# reading lines from a pipeline
printf 'x 1\ny 2\n' | while read -r k v; do echo "$k=$v"; done
