# a here-string may contain newlines
cat <<< "line1
line2"
cat <<< $'tab\there'
