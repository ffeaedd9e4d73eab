# names without $ and unset variables as zero
x=6
y="x * 2"
echo $((x + 1)) $(($x + 1)) $((undefined + 1)) $((y + 1))
z=""
echo $((z + 2))
