# ** matches across directories with globstar
# requires: mkdir
mkdir -p top/mid/low
: > top/1.x; : > top/mid/2.x; : > top/mid/low/3.x
shopt -s globstar
echo top/**/*.x
echo top/**
shopt -u globstar
echo top/**/*.x
