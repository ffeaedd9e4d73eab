# -e -f -d -s -r -w on script-made files
: > empty
echo x > full
[ -e empty ] && echo "empty: -e"
[ -f empty ] && echo "empty: -f"
[ -d . ] && echo ".: -d"
[ -s full ] && echo "full: -s"
[ -s empty ] || echo "empty: not -s"
[ -r full ] && echo "full: -r"
[ -w full ] && echo "full: -w"
[ -x full ] || echo "full: not -x"
[ -e nothing ] || echo "nothing: not -e"
