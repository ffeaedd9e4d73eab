# set -x repeats PS4's first character for eval, source, trap actions and substitutions
echo 'echo sourced' > lib.sh
set -x
eval 'echo in eval'
. ./lib.sh
echo "$(echo "$(echo deep)")"
x=$(eval 'echo inner')
PS4='*> '
eval 'y=$(echo two)'
PS4=''
echo no prefix
unset PS4
z=$(echo still none)
PS4='+ '
trap 'echo at exit' EXIT
echo end
