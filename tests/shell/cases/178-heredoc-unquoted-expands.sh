# an unquoted delimiter expands $ ` and \ sequences
name=world
cat <<EOF
hello $name
sum: $((2 + 3))
sub: $(echo command)
back: `echo ticks`
escaped: \$name \`not\` \\ backslash
kept: \n \t "quotes" 'single'
EOF
