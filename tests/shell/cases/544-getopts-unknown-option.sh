# an unknown option prints a message and sets ?
set -- -a -z -b
while getopts "ab" opt; do
  echo "opt=$opt"
done
