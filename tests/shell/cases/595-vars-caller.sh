# caller prints the calling line and file
f() { caller; caller 0; }
g() { f; }
g
