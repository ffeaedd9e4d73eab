# eval in a function can set locals
f() { local v; eval 'v=from-eval'; echo "$v"; }
f
echo "[${v-unset}]"
