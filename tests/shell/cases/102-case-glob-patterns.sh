# case patterns use * ? and [ ]
for w in file.txt a b7 x Zed '' "two words"; do
  case $w in
    *.txt) echo "[$w] text" ;;
    ?) echo "[$w] one char" ;;
    [a-c][0-9]) echo "[$w] letter digit" ;;
    [[:upper:]]*) echo "[$w] starts upper" ;;
    "") echo "[$w] empty" ;;
    *' '*) echo "[$w] has a space" ;;
  esac
done
