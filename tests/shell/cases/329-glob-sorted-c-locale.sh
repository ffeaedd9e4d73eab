# matches are sorted in byte order in the C locale
: > zeta.g; : > Alpha.g; : > beta.g; : > _under.g; : > 10.g; : > 9.g
echo *.g
