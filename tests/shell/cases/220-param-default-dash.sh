# ${x-y} substitutes only for unset
unset u; e=; s=set
echo "[${u-default}] [${e-default}] [${s-default}]"
