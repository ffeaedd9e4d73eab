# case runs the first matching branch
for w in apple banana cherry other; do
  case $w in
    apple) echo "$w: red" ;;
    banana) echo "$w: yellow" ;;
    cherry) echo "$w: dark red" ;;
    *) echo "$w: unknown" ;;
  esac
done
