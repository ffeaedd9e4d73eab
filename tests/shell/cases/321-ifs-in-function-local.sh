# a local IFS is restored after the function
split() { local IFS=-; set -- $1; echo "$#"; }
split a-b-c
x='p q'
set -- $x
echo "$#"
