# ?() *() +() @() !() with extglob
shopt -s extglob
: > a.c; : > ab.c; : > abb.c; : > b.c; : > main.h
echo a?(b).c
echo a*(b).c
echo a+(b).c
echo @(a|b).c
echo !(*.c)
echo !(a*).c
