# CDPATH is searched and the chosen directory is printed
CDPATH=/
cd dev
echo "PWD=$PWD"
