# quoted pattern characters are literal in globs
: > 'star*.txt'; : > starfish.txt
echo "star*".txt
echo star*.txt
echo 'star'*.txt
