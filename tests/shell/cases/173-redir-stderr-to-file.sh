# 2> captures stderr only
{ echo out; echo err >&2; } 2> err.txt
echo "err.txt: $(cat err.txt)"
nosuchcommand_abc 2> err2.txt
echo "status $?"
cat err2.txt
