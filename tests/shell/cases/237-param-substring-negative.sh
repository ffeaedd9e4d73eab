# negative offsets and lengths count from the end
v=abcdefgh
echo "${v: -3}"
echo "${v:(-3):2}"
echo "${v:1:-1}"
echo "${v: -5:-2}"
echo "[${v:-3}]"
