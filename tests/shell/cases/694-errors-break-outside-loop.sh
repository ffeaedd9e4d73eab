# break and continue outside a loop
break
echo "status $?"
continue
echo "status $?"
