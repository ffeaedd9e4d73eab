# statuses of compound commands
{ false; }; echo "group $?"
(true; false); echo "subshell $?"
if true; then false; fi; echo "if $?"
for i in 1; do (exit 4); done; echo "for $?"
case a in a) (exit 5) ;; esac; echo "case $?"
[[ a == b ]]; echo "[[ ]] $?"
((0)); echo "(( )) $?"
