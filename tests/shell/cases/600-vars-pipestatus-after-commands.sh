# PIPESTATUS after simple commands and compound ones
false
echo "${PIPESTATUS[@]}"
true | false | (exit 3)
s=("${PIPESTATUS[@]}")
echo "${s[@]}"
{ false; } | true
echo "${PIPESTATUS[@]}"
