# ${x:+y} and ${x+y} substitute when set
unset u; e=; s=set
echo "colon: [${u:+alt}] [${e:+alt}] [${s:+alt}]"
echo "plain: [${u+alt}] [${e+alt}] [${s+alt}]"
