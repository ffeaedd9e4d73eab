# A failed expansion drops the rest of its line (the top-level command), then the script goes on;
# ((…)), let and redirections only fail their command; eval and $( ) contain the damage.
echo ${x!}; echo "same line: not reached"
echo "next line runs: $?"
for i in 1 2; do echo $((i/0)); echo "in loop: not reached"; done; echo "not reached"
echo "after loop"
f() { echo "in f"; echo ${x:0:1/0}; echo "rest of f: not reached"; }
f; echo "after f: not reached"
echo "after f line"
((1/0)); echo "after ((: $?"
let 1/0; echo "after let: $?"
cat < ${y!}; echo "after redirect: $?"
eval 'echo ${z!}; echo "rest of eval: not reached"'; echo "after eval: $?"
v=$(echo ${w!}; echo "rest of subst: not reached"); echo "after subst: [$v]"
(echo ${q!}; echo "rest of subshell: not reached"); echo "after subshell: $?"
readonly r=1
r=2; echo "after readonly assignment: not reached"
r=3 true; echo "readonly before a command: $?"
shopt -s failglob
echo /no/such/dir/*; echo "not reached"
echo "end"
