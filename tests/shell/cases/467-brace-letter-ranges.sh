# letter ranges
echo {a..e}
echo {e..a}
echo {a..k..3}
