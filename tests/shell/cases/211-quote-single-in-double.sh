# a single quote is plain inside double quotes
echo "it's"
echo 'say "hi"'
echo 'it'\''s'
echo "mixed 'single' and \"double\""
