# a subshell's output can be redirected as a whole
(echo a; echo b) > out.txt
cat out.txt
(echo err >&2) 2> err.txt
cat err.txt
