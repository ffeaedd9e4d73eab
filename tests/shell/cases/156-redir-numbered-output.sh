# n> redirects a given descriptor
{ echo "on 3" >&3; echo "on 1"; } 3> three.txt
echo "three.txt: $(cat three.txt)"
echo x 3> f3.txt >&3
echo "f3.txt: $(cat f3.txt)"
