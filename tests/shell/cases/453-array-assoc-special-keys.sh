# keys with spaces and symbols
declare -A m
k="key with spaces"
m[$k]=spaced
m[x-y]=dash
m['$y']=dollar
echo "${m[$k]} ${m[x-y]} ${m['$y']}"
