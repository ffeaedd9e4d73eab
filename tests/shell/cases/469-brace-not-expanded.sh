# single items, quoted braces and empty braces are literal
echo {a} {} "{a,b}" '{1..3}' \{a,b\}
echo {a..} {1..a}
