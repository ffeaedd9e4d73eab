# a prefix assignment lasts for one command only
x=outer
x=inner true
echo "$x"
f() { echo "in f: $x"; }
x=temp f
echo "after f: $x"
x=for-builtin eval 'echo "eval sees $x"'
echo "after eval: $x"
