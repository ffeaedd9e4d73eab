# %d %i with flags
printf '%d %i\n' 42 -42
printf '[%5d] [%-5d] [%05d]\n' 42 42 42
printf '[%+d] [% d] [%+d]\n' 5 5 -5
printf '%d\n' 0x1F 010 "'A"
