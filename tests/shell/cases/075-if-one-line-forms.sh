# if on one line, with newlines in odd places
if true; then echo one; elif false; then echo two; else echo three; fi
if true
then
  echo four
fi
if
  false
then echo no
else echo five
fi
