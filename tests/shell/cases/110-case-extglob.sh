# extended patterns in case with extglob
shopt -s extglob
for w in foo bar baz foofoo qux; do
  case $w in
    @(foo|bar)) echo "$w: foo or bar" ;;
    +(foo)) echo "$w: several foo" ;;
    !(q*)) echo "$w: not q" ;;
    *) echo "$w: other" ;;
  esac
done
