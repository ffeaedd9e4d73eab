# directories from mkdir -p in globs
# requires: mkdir
mkdir -p x/y/z
: > x/y/z/deep.txt
echo x/*/*/*.txt
