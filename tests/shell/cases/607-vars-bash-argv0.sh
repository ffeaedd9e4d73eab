# BASH_ARGV0 is $0
echo "$BASH_ARGV0"
