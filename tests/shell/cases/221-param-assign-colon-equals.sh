# ${x:=y} assigns when unset or empty
unset u; e=
echo "[${u:=assigned}] [${e:=assigned-too}]"
echo "u=$u e=$e"
s=kept
echo "[${s:=ignored}] s=$s"
