# quotes inside $( ) inside quotes are independent
echo "$(echo "inner quoted "words"")"
echo "$(echo 'single inside')"
echo "outer $(echo "middle $(echo "inner")")"
