# nocasematch makes case patterns ignore case
shopt -s nocasematch
case HELLO in hello) echo "matched ignoring case" ;; esac
shopt -u nocasematch
case HELLO in hello) echo no ;; *) echo "case matters again" ;; esac
