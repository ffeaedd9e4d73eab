# trailing non-whitespace delimiters
IFS=,
for v in 'a,' 'a,,' ',' ',,'; do
  set -- $v
  echo "[$v] -> $#"
done
