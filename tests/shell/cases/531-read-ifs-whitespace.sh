# IFS= keeps leading and trailing whitespace
IFS= read -r keep <<< "   both ends   "
echo "[$keep]"
read -r trimmed <<< "   both ends   "
echo "[$trimmed]"
