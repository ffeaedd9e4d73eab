# with two output redirections the last one gets the output
echo hi > one.txt > two.txt
echo "one: [$(cat one.txt)]"
echo "two: [$(cat two.txt)]"
