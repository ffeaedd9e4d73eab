# a substitution capturing a lot of output
x=$(for i in {1..5000}; do echo "line $i"; done)
echo "${#x}"
echo "${x##*$'\n'}"
