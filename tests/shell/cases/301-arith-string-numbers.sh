# numbers from strings, leading zeros and signs
a=010
b=-5
c=" 7 "
echo $((a)) $((b * 2)) $((c + 1)) $((10#$a))
