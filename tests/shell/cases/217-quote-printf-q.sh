# printf %q quotes for reuse as shell input
printf '%q\n' 'simple' 'two words' "it's" 'a$b' '' $'tab\there' '*' '~user'
v=$(printf '%q' "a 'b' \"c\" \$d")
eval "printf '%s\n' $v"
