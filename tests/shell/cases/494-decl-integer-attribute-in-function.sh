# local -i
f() { local -i n=10; n+=5; echo "$n"; n='n*2'; echo "$n"; }
f
