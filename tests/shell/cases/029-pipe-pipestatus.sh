# PIPESTATUS holds every status of the last pipeline
true | false | true
echo "${PIPESTATUS[@]}"
(exit 3) | (exit 4) | (exit 0)
echo "${PIPESTATUS[*]}"
false
echo "${PIPESTATUS[@]}"
! (exit 2) | (exit 9)
echo "${PIPESTATUS[@]} $?"
