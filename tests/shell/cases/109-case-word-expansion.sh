# the case word is expanded without splitting
v="two words"
case $v in "two words") echo "not split" ;; esac
case $(echo sub) in sub) echo "command substitution" ;; esac
case ~/x in /home/user/x) echo "tilde expanded" ;; esac
