# a redirection target that expands to several words or none is ambiguous
f='two words'
echo hi > $f
echo "status $?"
echo hi > $undefined_target
echo "status $?"
echo hi > "$f"
cat "two words"
