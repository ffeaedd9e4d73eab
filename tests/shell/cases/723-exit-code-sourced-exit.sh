# exit in a sourced file ends the script
echo 'echo "in sourced"; exit 8' > ex.sh
. ./ex.sh
echo "not reached"
