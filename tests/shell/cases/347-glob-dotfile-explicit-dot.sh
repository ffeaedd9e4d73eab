# a pattern starting with . matches dotfiles
: > .a1; : > .b2; : > c3
echo .[ab]*
echo .?1
