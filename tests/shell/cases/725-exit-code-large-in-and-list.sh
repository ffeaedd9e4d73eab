# exit codes in && and || chains
(exit 2) || echo "after failure: $?"
(exit 0) && (exit 5) || echo "second: $?"
exit 0
