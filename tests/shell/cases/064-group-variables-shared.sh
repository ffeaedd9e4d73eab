# assignments in { } stay in the current shell
{ x=5; y=6; }
echo "$x $y"
