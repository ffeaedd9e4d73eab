# a stray )
echo a )
