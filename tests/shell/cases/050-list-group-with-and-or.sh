# groups make && and || nest
false && { echo no; echo no; } || { echo yes1; echo yes2; }
true && { false || echo inner; }
