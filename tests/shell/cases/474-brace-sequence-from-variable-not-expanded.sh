# ranges are not expanded from variables
n=3
echo {1..$n}
