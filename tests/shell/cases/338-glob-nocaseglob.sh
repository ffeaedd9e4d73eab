# nocaseglob matches regardless of case
: > README.md; : > notes.MD
shopt -s nocaseglob
echo *.md
shopt -u nocaseglob
echo *.md
