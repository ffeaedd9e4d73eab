# ${10} and beyond need braces
set -- a b c d e f g h i j k
echo "$10" "${10}" "${11}"
