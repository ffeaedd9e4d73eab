# -ef compares files
: > a.txt
[[ a.txt -ef a.txt ]] && echo "same file"
[[ a.txt -ef ./a.txt ]] && echo "same through ./"
: > b.txt
[[ a.txt -ef b.txt ]] || echo "different files"
