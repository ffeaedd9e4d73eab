# ${x^^} ${x,,} ${x^} ${x,}
v="hello World"
echo "${v^^}"
echo "${v,,}"
echo "${v^}"
w=ABC
echo "${w,}"
echo "${v^^[lo]}"
echo "${w,,[B]}"
