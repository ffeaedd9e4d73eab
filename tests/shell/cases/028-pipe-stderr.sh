# 2>&1 and |& send stderr down the pipe
{ echo out; echo err >&2; } 2>&1 | cat
{ echo err2 >&2; } |& cat
{ echo not-piped >&2; } | cat
