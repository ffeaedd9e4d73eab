# & in the replacement is the matched text (patsub_replacement)
v="hello world"
echo "${v//o/<&>}"
echo "${v//o/<\&>}"
shopt -u patsub_replacement
echo "${v//o/<&>}"
