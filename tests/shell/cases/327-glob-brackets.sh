# bracket expressions, ranges and negation
: > a1; : > b2; : > c3; : > d4
echo [abc]?
echo [a-b]*
echo [!a-c]?
echo [^ab]?
echo [[:alpha:]][34]
