# redirections apply to builtins, even with errors
cd /nonexistent_dir_xyz 2> cderr.txt
echo "status $?"
cat cderr.txt
printf '%s\n' a b > pf.txt
cat pf.txt
