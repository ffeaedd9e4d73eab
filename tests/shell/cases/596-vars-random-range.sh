# RANDOM is between 0 and 32767
ok=1
for i in {1..200}; do
  r=$RANDOM
  if [ "$r" -lt 0 ] || [ "$r" -gt 32767 ]; then ok=0; fi
done
echo "all in range: $ok"
