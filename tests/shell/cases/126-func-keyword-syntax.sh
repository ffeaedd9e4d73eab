# function NAME { } and function NAME() { }
function one { echo one; }
function two() { echo two; }
three() { echo three; }
one; two; three
