# typeset is declare
typeset -i t=2*3
typeset -p t
