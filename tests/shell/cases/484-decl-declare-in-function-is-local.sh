# declare and typeset in a function are local
v=outer
f() { declare v=inner-declare; typeset w=inner-typeset; echo "$v $w"; }
f
echo "$v [${w-unset}]"
