# the condition is a list and its last status decides
if false; true; then echo "last was true"; fi
if true; false; then echo "not printed"; else echo "last was false"; fi
if false || true; then echo "or-list"; fi
