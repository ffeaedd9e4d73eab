# a case with ) patterns inside $( )
x=$(case foo in foo) echo matched ;; *) echo no ;; esac)
echo "x=$x"
y=$(case bar in (bar) echo paren-form ;; esac)
echo "y=$y"
