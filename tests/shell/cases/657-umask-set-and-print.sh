# umask sets the mask and prints it octal or symbolic
umask 027
umask
umask -S
umask u=rwx,g=rx,o=
umask
umask -p
