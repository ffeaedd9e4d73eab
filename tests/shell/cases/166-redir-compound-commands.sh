# redirections on loops, ifs and cases
for i in 1 2; do echo "for $i"; done > out.txt
if true; then echo "if"; fi >> out.txt
case x in x) echo "case" ;; esac >> out.txt
while read -r l; do echo "<$l>"; done < out.txt
