# <> creates a missing file without truncating existing ones
echo keep > existing.txt
: <> existing.txt
cat existing.txt
: <> made.txt
[ -f made.txt ] && echo "made.txt created"
