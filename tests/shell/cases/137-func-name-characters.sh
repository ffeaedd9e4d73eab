# function names may contain dashes, dots and colons
my-func() { echo "dash"; }
my.func() { echo "dot"; }
ns::func() { echo "colons"; }
my-func; my.func; ns::func
