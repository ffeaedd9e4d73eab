# ${!prefix*} and ${!prefix@} list variable names
myv_one=1 myv_two=2 myv_three=3
echo "${!myv_*}"
for n in "${!myv_@}"; do echo "$n=${!n}"; done
