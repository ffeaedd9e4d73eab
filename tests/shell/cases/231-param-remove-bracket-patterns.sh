# removal patterns with classes
v=abc123def456
echo "${v%%[0-9]*}"
echo "${v##*[a-z]}"
echo "${v#[[:alpha:]][[:alpha:]]}"
