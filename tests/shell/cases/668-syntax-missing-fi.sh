# a missing fi is an unexpected end of file
echo before
if true; then
  echo inside
