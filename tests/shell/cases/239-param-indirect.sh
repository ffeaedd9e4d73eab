# ${!x} expands the variable named by x
target=value
name=target
echo "${!name}"
arr=(a b c)
ref='arr[2]'
echo "${!ref}"
set -- first second
n=2
echo "${!n}"
