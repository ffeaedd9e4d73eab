# select prints its menu on stderr and ends at end of input
select choice in alpha beta; do echo "chose $choice"; done
echo "status $? choice=[${choice-unset}]"
