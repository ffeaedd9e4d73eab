# a redirection on the definition applies at every call
log() { echo "entry $1"; } >> log.txt
log 1
log 2
cat log.txt
