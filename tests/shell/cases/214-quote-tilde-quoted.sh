# a quoted tilde is not expanded
echo "~" '~' \~ ~/x "~/x"
