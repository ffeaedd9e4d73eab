# -s is accepted on non-terminal input
read -r -s secret <<< "hidden"
echo "read: $secret"
