# quoted pattern characters match literally
pat='a*'
for w in 'a*' abc; do
  case $w in
    "a*") echo "[$w] literal a*" ;;
    *) echo "[$w] other" ;;
  esac
  case $w in
    $pat) echo "[$w] matches unquoted \$pat" ;;
  esac
  case $w in
    "$pat") echo "[$w] matches quoted \$pat" ;;
  esac
done
