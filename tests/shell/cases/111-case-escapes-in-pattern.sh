# backslash escapes pattern characters
for w in '*' '?' 'x' '[a]'; do
  case $w in
    \*) echo "star" ;;
    \?) echo "question" ;;
    \[a\]) echo "brackets" ;;
    *) echo "other: $w" ;;
  esac
done
