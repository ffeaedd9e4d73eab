# >( ) sends output to a command
echo "to the process" > >(cat > captured.txt)
wait $!
cat captured.txt
