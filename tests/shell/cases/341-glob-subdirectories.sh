# globs with directory components
# requires: mkdir
mkdir -p d1/sub d2
: > d1/a.txt; : > d1/sub/b.txt; : > d2/c.txt
echo d*/*.txt
echo */
echo d?/sub/*
