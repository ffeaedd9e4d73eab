# && and || may be followed by newlines
true &&
  echo a ||

  echo b
false ||
  echo c
