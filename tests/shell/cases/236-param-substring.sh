# ${x:off} and ${x:off:len}
v=abcdefgh
echo "${v:2}"
echo "${v:2:3}"
echo "${v:0:1}"
echo "${v:7}"
echo "[${v:8}] [${v:20}]"
echo "${v:1+1:2*2}"
