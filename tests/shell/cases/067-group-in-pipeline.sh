# a group as a pipeline stage
{ echo a; echo b; } | { while read -r l; do echo "got $l"; done; }
