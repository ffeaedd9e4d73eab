# hash without any hashed commands, and errors
hash
hash -r
hash nosuchthing_xyz
echo "status $?"
