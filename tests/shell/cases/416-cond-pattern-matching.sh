# the right side of == is a pattern unless quoted
f=report.txt
[[ $f == *.txt ]] && echo "glob match"
[[ $f == "*.txt" ]] || echo "quoted pattern is literal"
[[ $f == r?port.* ]] && echo "question mark"
[[ $f == [qr]* ]] && echo "bracket"
p='*.txt'
[[ $f == $p ]] && echo "pattern from variable"
[[ $f == "$p" ]] || echo "quoted variable is literal"
