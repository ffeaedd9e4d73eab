# $"..." is a plain double-quoted string in the C locale
x=5
echo $"translated? $x"
