# eval can define functions and aliases
eval 'dyn() { echo "dynamic function $1"; }'
dyn called
