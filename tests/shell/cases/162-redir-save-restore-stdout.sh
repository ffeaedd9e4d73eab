# exec can save, redirect and restore stdout
exec 5>&1
exec > captured.txt
echo "into the file"
exec 1>&5 5>&-
echo "back on stdout"
cat captured.txt
