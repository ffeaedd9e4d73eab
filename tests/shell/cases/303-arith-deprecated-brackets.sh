# $[ ] is an old form of $(( ))
echo $[1 + 2] $[3 * 4]
