# OPTIND starts at 1
echo "$OPTIND"
