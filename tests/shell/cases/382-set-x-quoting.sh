# set -x quotes arguments that need it
set -x
echo 'two words' "" plain 'it'"'"'s' '$dollar'
: a\ b
set +x
