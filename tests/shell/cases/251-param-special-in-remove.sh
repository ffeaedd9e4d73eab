# removing with $ and special characters
price='$100.00'
echo "${price#\$}"
echo "${price%.*}"
email=user@example.org
echo "${email%@*} at ${email#*@}"
