# translating characters in a pipeline
# requires: tr
echo "hello world" | tr a-z A-Z
echo "a,b,c" | tr , '\n'
