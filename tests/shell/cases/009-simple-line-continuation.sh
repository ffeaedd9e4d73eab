# backslash-newline joins lines, even inside a word
echo one \
  two \
  three
ec\
ho joined-word
x=abc\
def
echo "$x"
