# $'...' interprets C escapes
printf '%s\n' $'tab:\t|' $'newline:\n|' $'quote:\'|' $'backslash:\\|' $'dq:\"|'
printf '%s\n' $'hex:\x41\x42' $'octal:\101\102' $'unicode:\u0041' $'ctrl:\cA|' | cat
printf '%s' $'bell\a esc\e bs\b ff\f vt\v cr\r' | cat
echo
