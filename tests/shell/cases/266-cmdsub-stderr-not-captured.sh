# only stdout is captured
x=$(echo out; echo err >&2)
echo "captured: $x"
y=$(echo out2; echo err2 >&2) 2>/dev/null
echo "captured: $y"
z=$({ echo out3; echo err3 >&2; } 2>&1)
echo "captured: $z"
