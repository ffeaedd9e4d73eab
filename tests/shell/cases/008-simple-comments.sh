# comments start at a word beginning with #
echo a # a comment
echo b#not-a-comment
# a whole-line comment; echo hidden
echo 'c # inside quotes' "d # inside double quotes"
echo e \# escaped
