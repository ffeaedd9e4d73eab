# zero and empty values
printf '[%d] [%s] [%5.1f]\n' 0 '' 0
printf '[%.0s]\n' hidden
