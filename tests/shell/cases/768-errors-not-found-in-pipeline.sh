# a command that cannot start reports on its own standard error, redirections included
# requires: tr
nosuch_cmd_xyz 2>&1 | cat | tr a-z A-Z; echo "${PIPESTATUS[@]}"
nosuch_cmd_xyz 2>/dev/null | cat; echo "${PIPESTATUS[@]}"
nosuch_cmd_xyz 2>/dev/null & wait $!; echo "background: $?"
./nonexistent/path 2>&1 | cat; echo "${PIPESTATUS[@]}"
