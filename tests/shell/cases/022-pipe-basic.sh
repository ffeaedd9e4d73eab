# a pipeline connects stdout to stdin
echo hello | cat
echo "two words" | cat | cat
