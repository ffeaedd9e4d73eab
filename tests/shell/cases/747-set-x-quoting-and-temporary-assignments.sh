# set -x quotes what the shell would act on, escapes unprintable bytes, and shows prefix assignments
f() { :; }
set -x
: '[' '{x}' '!' 'a^b' 'a~b' '~a' 'a=~b' 'a:~' 'a#' '#a' 'a,b' '%@+' $'\001' $'a\tb' $'\xff'
a=1 b="x y" f arg
v='*' w= cat /dev/null
arr=( one   "two three" )   arr[1+1]=four
set +x
echo "${arr[@]}"
