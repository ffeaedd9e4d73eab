# ifs nest
x=2 y=3
if [ $x = 2 ]; then
  if [ $y = 3 ]; then
    echo "both"
  else
    echo "only x"
  fi
fi
