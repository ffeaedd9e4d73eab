# a long pipeline of cat passes the data through
echo through-the-chain | cat | cat | cat | cat | cat | cat
