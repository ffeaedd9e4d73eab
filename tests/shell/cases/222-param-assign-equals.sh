# ${x=y} assigns only when unset
unset u; e=
echo "[${u=assigned}] [${e=not-assigned}]"
echo "u=$u e=[$e]"
