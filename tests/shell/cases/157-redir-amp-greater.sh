# &> sends stdout and stderr to a file
{ echo out; echo err >&2; } &> all.txt
cat all.txt
