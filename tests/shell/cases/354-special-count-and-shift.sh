# $# counts positional parameters
set -- a b c
echo "$#"
shift
echo "$# $1"
set --
echo "$#"
