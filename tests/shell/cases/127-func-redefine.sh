# a later definition replaces the earlier one
f() { echo first; }
f
f() { echo second; }
f
