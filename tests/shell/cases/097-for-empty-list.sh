# for over an empty list runs nothing and returns 0
false
for w in; do echo never; done
echo "status $?"
set --
for w; do echo never; done
echo "still $?"
