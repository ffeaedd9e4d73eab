# a pattern matching nothing stays as written
echo *.nothing
echo no?match
set -- [z]*.none
echo "$# [$1]"
