# ${x~} and ${x~~} toggle case
v=Hello
echo "${v~}" "${v~~}"
