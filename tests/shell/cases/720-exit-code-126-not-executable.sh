# a script whose last command is not executable exits 126
: > data.bin
./data.bin
