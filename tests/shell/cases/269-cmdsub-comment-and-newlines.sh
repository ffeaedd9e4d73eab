# comments and newlines inside $( )
x=$(
  echo first # a comment
  # another comment with ) inside
  echo second
)
echo "$x"
