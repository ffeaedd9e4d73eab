# (( )) returns 0 for non-zero and 1 for zero
((5)); echo "((5)): $?"
((0)); echo "((0)): $?"
((-1)); echo "((-1)): $?"
((x = 0)); echo "((x = 0)): $? x=$x"
if ((3 > 2)); then echo "in if"; fi
