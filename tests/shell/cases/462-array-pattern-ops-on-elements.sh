# pattern removal over all elements
files=(a.txt b.log c.txt)
echo "${files[@]%.*}"
echo "${files[@]/%txt/TXT}"
