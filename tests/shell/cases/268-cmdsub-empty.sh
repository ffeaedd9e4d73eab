# a substitution with no output is an empty string
echo "[$(true)]"
echo "[`:`]"
set -- $(true)
echo "$#"
