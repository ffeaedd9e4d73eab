# <<< feeds a word plus a newline
cat <<< "hello"
x="a   b"
cat <<< $x
cat <<< "$x"
cat <<< ''
