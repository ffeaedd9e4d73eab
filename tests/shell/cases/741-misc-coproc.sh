# a coprocess reads and writes through COPROC
coproc CAT { cat; }
echo "through the coprocess" >&"${CAT[1]}"
read -r line <&"${CAT[0]}"
echo "$line"
eval "exec ${CAT[1]}>&-"
wait
