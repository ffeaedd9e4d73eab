# * skips dotfiles, .* matches them but never . and ..
: > .hidden; : > visible
echo *
echo .*
shopt -s dotglob
echo *
