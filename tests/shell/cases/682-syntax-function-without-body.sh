# a function definition needs a body
f()
echo after
