# * takes width and precision from arguments
printf '[%*d]\n' 6 42
printf '[%-*s]\n' 6 ab
printf '[%.*f]\n' 2 3.14159
printf '[%*s]\n' -5 neg
