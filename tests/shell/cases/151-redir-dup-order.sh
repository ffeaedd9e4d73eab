# 2>&1 duplicates what fd 1 is at that moment
{ echo out; echo err >&2; } > both.txt 2>&1
echo "both.txt:"; cat both.txt
{ echo out; echo err >&2; } 2>&1 > only-out.txt
echo "only-out.txt:"; cat only-out.txt
