# a here-string undergoes expansions but no globbing
: > file.txt
n=5
cat <<< "n=$n $((n*2)) $(echo sub) *.txt"
cat <<< *.txt
