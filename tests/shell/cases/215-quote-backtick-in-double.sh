# command substitution in double quotes with escaped quotes
echo "`echo \"quoted in backticks\"`"
echo "`echo 'single in backticks'`"
