# parentheses and quotes inside $( ) in quotes
echo "$(echo "(paren)" ')' "a\"b")"
echo "$(echo $'\'single\'')"
