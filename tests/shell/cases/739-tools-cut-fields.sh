# cut fields in a pipeline
# requires: cut
echo "a:b:c" | cut -d: -f2
