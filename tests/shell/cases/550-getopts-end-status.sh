# getopts returns 1 at the end of options
set -- -a arg
getopts "a" opt; echo "first: $? $opt"
getopts "a" opt; echo "second: $? $opt"
