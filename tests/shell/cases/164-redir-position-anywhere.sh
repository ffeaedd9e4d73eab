# redirections may appear anywhere in a simple command
> a.txt echo first
echo second > b.txt word
echo third 2>/dev/null > c.txt
cat a.txt b.txt c.txt
