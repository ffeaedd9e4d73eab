# SHELLOPTS lists set -o options
case :$SHELLOPTS: in *:braceexpand:*) echo "braceexpand on" ;; esac
set -o pipefail
case :$SHELLOPTS: in *:pipefail:*) echo "pipefail listed" ;; esac
