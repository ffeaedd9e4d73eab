# a group's output can be redirected as a whole
{ echo one; echo two >&2; } > out.txt 2>&1
cat out.txt
{ echo appended; } >> out.txt
cat out.txt
