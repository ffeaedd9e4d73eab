# declare +x and +i remove attributes
declare -xi n=1+1
declare -p n
declare +x n
declare +i n
n=3+3
declare -p n
