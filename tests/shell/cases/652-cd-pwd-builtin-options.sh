# pwd -L and -P at the root
cd /
pwd -L
pwd -P
