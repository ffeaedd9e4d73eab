# ;;& goes on testing the following patterns
for w in abc xbz; do
  case $w in
    a*) echo "$w starts with a" ;;&
    *b*) echo "$w contains b" ;;&
    *c) echo "$w ends with c" ;;
    *) echo "$w default" ;;
  esac
done
