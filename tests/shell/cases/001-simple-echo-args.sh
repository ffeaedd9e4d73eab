# echo joins its arguments with single spaces
echo a b c
echo   spaced    out   words
echo
echo -n no-newline
echo " <- continued"
