# several background jobs, all waited for
(echo one > f1.txt) & (echo two > f2.txt) & (echo three > f3.txt) &
wait
cat f1.txt f2.txt f3.txt
