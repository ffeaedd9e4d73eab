# = != -z -n with test and [
[ abc = abc ] && echo "="
[ abc != abd ] && echo "!="
[ -z "" ] && echo "empty -z"
[ -n "x" ] && echo "non-empty -n"
test abc = abc && echo "test ="
[ abc == abc ] && echo "== in ["
