# an unclosed quote runs to end of file
echo before
echo 'unclosed
echo more
