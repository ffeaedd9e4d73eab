# & runs in the background and wait collects it
{ echo background > bg.txt; } &
wait
cat bg.txt
