# %q produces reusable shell quoting
printf '%q\n' "a b" 'a"b' "tab	tab" '!' '' 'x;y'
