# brace expansion happens before parameter expansion
x=X y=Y
echo {$x,$y}
a1=one a2=two
for v in a{1,2}; do echo "${!v}"; done
