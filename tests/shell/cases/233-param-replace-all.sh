# ${x//p/r} replaces every match
v="one two one two"
echo "${v//one/1}"
echo "${v// /_}"
echo "${v//o}"
path=a/b/c
echo "${path//\//:}"
