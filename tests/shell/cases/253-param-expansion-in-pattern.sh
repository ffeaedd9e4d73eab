# patterns may contain expansions
suffix=.txt
f=report.txt
echo "${f%$suffix}"
ch=o
echo "${f//$ch/0}"
