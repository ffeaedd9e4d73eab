# %s with width, precision and alignment
printf '[%s]\n' hello
printf '[%10s]\n' right
printf '[%-10s]\n' left
printf '[%.3s]\n' truncated
printf '[%-8.2s]\n' ab-cd
