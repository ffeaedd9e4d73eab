# missing arguments are empty strings or zero
printf '[%s] [%d] [%s]\n' only
printf '[%5s|%-3d]\n'
