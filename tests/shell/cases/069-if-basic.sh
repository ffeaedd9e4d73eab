# if runs the then-branch when the condition succeeds
if true; then echo "true branch"; fi
if false; then echo "not printed"; else echo "else branch"; fi
