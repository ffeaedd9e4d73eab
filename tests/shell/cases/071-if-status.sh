# the status of if is the branch's, or 0 when no branch ran
if false; then :; fi
echo "no branch: $?"
if false; then :; else (exit 3); fi
echo "else branch: $?"
if true; then (exit 4); fi
echo "then branch: $?"
