# ? matches exactly one character
: > a1.dat; : > a22.dat; : > b3.dat
echo a?.dat
echo ??.dat
echo ???.dat
