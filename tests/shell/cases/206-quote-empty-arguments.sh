# empty quoted strings are real arguments
set -- "" '' "$undefined" $undefined
echo "count=$#"
count() { echo "$#"; }
count "" ""
count $undefined
