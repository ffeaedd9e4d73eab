# a here-document ended by end of file warns
echo before
cat <<EOF
body line
