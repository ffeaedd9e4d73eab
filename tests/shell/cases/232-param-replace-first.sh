# ${x/p/r} replaces the first match
v="one two one two"
echo "${v/one/1}"
echo "${v/o*e/X}"
echo "${v/nomatch/X}"
echo "${v/one}"
