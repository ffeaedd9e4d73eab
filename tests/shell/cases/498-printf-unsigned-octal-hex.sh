# %u %o %x %X and the # flag
printf '%u %o %x %X\n' 255 255 255 255
printf '%#o %#x %#X\n' 8 255 255
printf '%x\n' -1
printf '%08x\n' 48879
