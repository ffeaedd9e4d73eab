# &>> appends stdout and stderr to a file
echo start > all.txt
{ echo out; echo err >&2; } &>> all.txt
cat all.txt
