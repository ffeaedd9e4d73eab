# -e -f -d -s on files the script creates
: > empty.txt
echo data > full.txt
[[ -e empty.txt ]] && echo "empty.txt exists"
[[ -f empty.txt ]] && echo "empty.txt is a file"
[[ -s empty.txt ]] || echo "empty.txt is empty"
[[ -s full.txt ]] && echo "full.txt has data"
[[ -d . ]] && echo ". is a directory"
[[ -e missing.txt ]] || echo "missing.txt is missing"
[[ -f . ]] || echo ". is not a regular file"
