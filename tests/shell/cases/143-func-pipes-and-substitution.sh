# functions used in pipes and $( )
up() { while read -r l; do echo "${l^^}"; done; }
echo "$(echo quiet | up)"
printf 'a\nb\n' | up | up
