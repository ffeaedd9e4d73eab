# --help is not accepted by most builtins in scripts
: --help
echo "colon ignores it: $?"
true --help
echo "true ignores it: $?"
