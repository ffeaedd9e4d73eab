# ${x/#p/r} and ${x/%p/r} anchor at start and end
v=abcabc
echo "${v/#abc/X}"
echo "${v/%abc/X}"
echo "${v/#bc/X}"
echo "${v/%ab/X}"
