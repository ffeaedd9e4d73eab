# an unclosed subshell
echo before
( echo inside
