# pre and post ++ and --
i=5
echo $((i++)) "$i" $((++i)) "$i" $((i--)) "$i" $((--i)) "$i"
