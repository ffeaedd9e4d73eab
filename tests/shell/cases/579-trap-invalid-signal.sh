# an unknown signal name is an error
trap 'echo x' NOSUCHSIG
echo "status $?"
