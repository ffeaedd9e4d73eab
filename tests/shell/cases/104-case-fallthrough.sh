# ;& runs the next branch without testing it
case a in
  a) echo "branch a" ;&
  b) echo "branch b" ;&
  c) echo "branch c" ;;
  d) echo "branch d" ;;
esac
