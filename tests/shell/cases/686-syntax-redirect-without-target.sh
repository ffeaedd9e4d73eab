# a redirection operator needs a word
echo hi >
