# redirecting a function call's output
f() { echo "f out"; echo "f err" >&2; }
f > fo.txt 2> fe.txt
echo "out: $(cat fo.txt) / err: $(cat fe.txt)"
