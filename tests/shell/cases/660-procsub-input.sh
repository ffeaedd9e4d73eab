# <( ) is a file name carrying a command's output
cat <(echo "from process substitution")
cat <(echo one) <(echo two)
