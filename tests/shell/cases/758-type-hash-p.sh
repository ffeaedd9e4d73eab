# hash -p remembers a path: hash -t, -l, -d, hit counts, and type sees it
hash -p /no/such/place tool
hash -t tool
hash
type tool >/dev/null; type -t tool; hash -t tool
hash
hash -l
hash -p /other tool2
hash -t tool tool2
hash -d tool; hash -t tool; echo "status $?"
hash -r; hash
hash -d; echo "status $?"
