# {a,b,c} generates words
echo {a,b,c}
echo x{1,2,3}y
echo {,un}done
