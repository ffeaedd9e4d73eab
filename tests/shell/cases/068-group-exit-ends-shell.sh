# exit inside { } ends the script
{ echo before; exit 6; echo not-reached; }
echo not-reached-either
