# braces separate a name from following text
x=pre
echo "$xsuffix|${x}suffix|$x-dash|$x.dot"
