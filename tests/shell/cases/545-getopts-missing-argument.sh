# a missing option argument prints a message
set -- -f
while getopts "f:" opt; do
  echo "opt=$opt OPTARG=[${OPTARG-unset}]"
done
