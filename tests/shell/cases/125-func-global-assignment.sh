# assignments without local change the global
counter=0
bump() { counter=$((counter + 1)); newvar=created; }
bump; bump; bump
echo "counter=$counter newvar=$newvar"
