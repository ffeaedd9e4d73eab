# set -- sets positionals even when they look like options
set -- -e -x
echo "$# $*"
case $- in *e*) echo "e set" ;; *) echo "e not set" ;; esac
set - a b
echo "$# $*"
