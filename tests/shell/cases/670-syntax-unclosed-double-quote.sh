# an unclosed double quote
echo "unclosed
