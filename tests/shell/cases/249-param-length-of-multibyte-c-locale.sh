# ${#x} counts bytes in the C locale
v=$'caf\xc3\xa9'
echo "${#v}"
