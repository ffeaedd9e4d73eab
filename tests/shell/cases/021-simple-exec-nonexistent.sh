# exec of a missing command ends a non-interactive shell with 127
echo before
exec nosuchprogram_zz
echo "not reached"
