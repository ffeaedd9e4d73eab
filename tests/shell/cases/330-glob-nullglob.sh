# nullglob removes patterns that match nothing
shopt -s nullglob
echo "[" *.none "]"
set -- *.none
echo "$#"
: > x.some
echo *.some
